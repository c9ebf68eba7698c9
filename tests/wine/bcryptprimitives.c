/*
 * A stand-in for Windows' bcryptprimitives.dll, for the package test under Wine only (never
 * shipped). Rust's standard library gets its random numbers from ProcessPrng in
 * bcryptprimitives.dll, which every Windows 10 and 11 has but Debian 12's Wine 8.0 lacks, so
 * without this no Rust program starts under that Wine. It answers from RtlGenRandom
 * (advapi32's SystemFunction036), which Wine implements with the system's random source.
 * scripts/test-paket compiles it with MinGW-w64 into the Wine prefix's system32.
 */
#include <windows.h>
#define SystemFunction036 NTAPI SystemFunction036
#include <ntsecapi.h>
#undef SystemFunction036

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
