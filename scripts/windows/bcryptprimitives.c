/*
 * A stand-in for Windows' bcryptprimitives.dll, for running guantong.exe under wine 8 only: Rust's
 * standard library on Windows takes its random numbers (HashMap seeds) from ProcessPrng, which
 * wine 8 does not have. This forwards it to RtlGenRandom (SystemFunction036 in advapi32), which
 * wine has. scripts/package-windows.sh builds it beside the exe it tests; it is never packaged
 * (Windows itself loads its own bcryptprimitives.dll, a known DLL, whatever lies beside the exe).
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
