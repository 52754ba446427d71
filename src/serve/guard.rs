//! Who may drive the server: only the page opened at the address the terminal printed.
//!
//! Listening on 127.0.0.1 keeps other machines out, but not other pages in the clerk's own
//! browser: any site can send requests to 127.0.0.1, and a site whose name resolves to 127.0.0.1
//! (DNS rebinding) can even read the answers. So every request is checked three ways:
//! - `Host` must be this server's own address (`127.0.0.1:PORT` or `localhost:PORT`): a rebound
//!   name arrives with its own name there;
//! - `Origin`, which browsers add to every cross-site request and to same-site ones that change
//!   something, must be this server's own when present;
//! - the API needs the random token of the printed address, which no other page can know.

use super::ServeError;

/// The header the page sends the token in.
pub const TOKEN_HEADER: &str = "X-Guantong-Token";

/// 128 random bits from the operating system, as 32 hex digits.
pub fn token() -> Result<String, ServeError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| ServeError::Random(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// What one server accepts.
pub struct Guard {
    pub token: String,
    pub port: u16,
}

impl Guard {
    /// Host and Origin, for every request (the page too).
    pub fn place(&self, host: Option<&str>, origin: Option<&str>) -> Result<(), ServeError> {
        let ours = |h: &str| {
            let h = h.to_ascii_lowercase();
            h == format!("127.0.0.1:{}", self.port) || h == format!("localhost:{}", self.port)
        };
        match host {
            Some(h) if ours(h) => {}
            _ => return Err(ServeError::Forbidden("地址不是本机的 guantong（Host 不符）")),
        }
        match origin {
            None => Ok(()),
            Some(o) if o.strip_prefix("http://").is_some_and(ours) => Ok(()),
            Some(_) => Err(ServeError::Forbidden("请求来自其他网页（Origin 不符）")),
        }
    }

    /// The token, for every API request: compared in time that does not depend on where the
    /// first wrong character is.
    pub fn token(&self, given: Option<&str>) -> Result<(), ServeError> {
        let given = given.unwrap_or("").as_bytes();
        let ours = self.token.as_bytes();
        let differ = given.len() != ours.len() || given.iter().zip(ours).fold(0u8, |acc, (a, b)| acc | (a ^ b)) != 0;
        if differ {
            Err(ServeError::Forbidden("缺少或不符的访问令牌：请用终端中显示的完整地址打开页面"))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard() -> Guard {
        Guard { token: "0123456789abcdef0123456789abcdef".into(), port: 8123 }
    }

    #[test]
    fn only_our_own_host_and_origin_pass() {
        let g = guard();
        assert!(g.place(Some("127.0.0.1:8123"), None).is_ok());
        assert!(g.place(Some("LOCALHOST:8123"), Some("http://localhost:8123")).is_ok());
        for (host, origin) in [
            (None, None),
            (Some("127.0.0.1:8124"), None),
            (Some("evil.example:8123"), None),
            (Some("127.0.0.1"), None),
            (Some("127.0.0.1:8123"), Some("http://evil.example")),
            (Some("127.0.0.1:8123"), Some("https://127.0.0.1:8123")),
            (Some("127.0.0.1:8123"), Some("null")),
        ] {
            assert!(matches!(g.place(host, origin), Err(ServeError::Forbidden(_))), "{host:?} {origin:?}");
        }
    }

    #[test]
    fn only_the_whole_token_passes() {
        let g = guard();
        assert!(g.token(Some("0123456789abcdef0123456789abcdef")).is_ok());
        for t in [None, Some(""), Some("0123456789abcdef0123456789abcdee"), Some("0123456789abcdef")] {
            assert!(g.token(t).is_err(), "{t:?}");
        }
    }

    #[test]
    fn tokens_are_128_random_bits() {
        let (a, b) = (token().unwrap(), token().unwrap());
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
