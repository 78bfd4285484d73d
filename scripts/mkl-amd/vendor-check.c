/*
 * Opt-in speed-up for AMD CPUs (STABLEGAN_MKL_AMD=1, see docs/benchmarks.md): libtorch's CPU build links Intel oneMKL,
 * whose matrix products ask mkl_serv_intel_cpu_true() whether the CPU is an Intel one and, on any other vendor, run a
 * generic kernel without AVX2 or AVX-512. Preloaded, this answer makes oneMKL pick its kernels by the CPU's
 * instruction sets instead, as it does on Intel CPUs. 2026-12-04, 2-core AMD EPYC: 2048x2048 float32 matmul 73 ->
 * 168 GFLOP/s, the toy WGAN-GP iteration 265 -> 137 ms.
 */
int mkl_serv_intel_cpu_true(void) { return 1; }
