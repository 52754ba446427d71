//! The data flow is the module graph: read → normalize → evaluate, joined by pipeline, then
//! write. No module of the library reaches back up that flow — which would make a circle of
//! modules that cannot be understood, tested or replaced one at a time.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The library's top modules, each with the other top modules its code (not its tests or doc
/// comments) names as `crate::…`.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "lib" || name == "main" {
            continue;
        }
        let mut uses = BTreeSet::new();
        for file in files(&path) {
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            if matches!(stem.as_str(), "tests" | "fuzz" | "corpus") {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap();
            // A file's unit tests sit at its end, after `#[cfg(test)]`.
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
                for (at, _) in line.match_indices("crate::") {
                    let rest = &line[at + "crate::".len()..];
                    let module: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    if !module.is_empty() && module != name {
                        uses.insert(module);
                    }
                }
            }
        }
        graph.insert(name, uses);
    }
    graph
}

fn files(path: &Path) -> Vec<std::path::PathBuf> {
    if path.is_dir() {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(path).unwrap().flatten() {
            out.extend(files(&entry.path()));
        }
        out
    } else if path.extension().is_some_and(|e| e == "rs") {
        vec![path.to_path_buf()]
    } else {
        Vec::new()
    }
}

/// A circle through `from`, if there is one: the modules in order.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    fn walk(
        graph: &BTreeMap<String, BTreeSet<String>>,
        at: &str,
        goal: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in graph.get(at).into_iter().flatten() {
            if next == goal {
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(graph, next, goal, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![from.to_string()];
    walk(graph, from, from, &mut path, &mut BTreeSet::new()).then_some(path)
}

#[test]
fn no_module_circle_in_the_library() {
    let graph = graph();
    for core in ["read", "normalize", "policy", "pipeline", "write", "evaluate"] {
        assert!(graph.contains_key(core), "{core} is a top module: {graph:?}");
    }
    for module in graph.keys() {
        assert_eq!(circle(&graph, module), None, "modules in a circle");
    }
}

#[test]
fn the_reader_knows_nothing_of_what_comes_after_it() {
    let graph = graph();
    let read = &graph["read"];
    for later in ["normalize", "evaluate", "pipeline", "write", "policy"] {
        assert!(!read.contains(later), "read uses {later}: {read:?}");
    }
}
