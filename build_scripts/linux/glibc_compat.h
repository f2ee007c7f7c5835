/* Forced into every C file of the compatibility build's Python (CFLAGS -include).
 *
 * glibc 2.29 gave exp, exp2, log, log2 and pow new, faster implementations under new symbol
 * versions; a program compiled against glibc 2.29 or newer (Debian 11 has 2.31) therefore needs
 * GLIBC_2.29 and will not start on glibc 2.28 (UOS 20, Kylin V10 SP1 of the Debian 10
 * generation).  These directives bind the calls to the versions every x86-64 glibc has; they
 * give the same results (the new code is faster, not more exact in a way Python relies on:
 * math.exp/log/pow are correctly rounded to within 1 ulp either way).
 */
/* Not <features.h> to learn __GLIBC__: this file is read before any other, and including it
 * here would fix the feature macros (_GNU_SOURCE ...) before the program sets them.  Linux on
 * x86-64 built by this project means glibc. */
#if defined(__x86_64__) && defined(__linux__)
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver exp2,exp2@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
#endif
