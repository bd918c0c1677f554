/* A stand-in for Windows 10's bcryptprimitives.dll, for running Windows builds
   under Wine 8 (Debian 12), which lacks it: since Go 1.24 the runtime will not
   start without ProcessPrng. Fills the buffer from RtlGenRandom (advapi32's
   SystemFunction036). Build: x86_64-w64-mingw32-gcc -shared -O2
   -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32, and copy it into the
   Wine prefix's windows/system32. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  return SystemFunction036(data, (ULONG)length);
}
