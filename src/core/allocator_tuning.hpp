#pragma once
// Settings of the C library's allocator for a batch tool that parses
// thousands of files: every command of cratescope (and every benchmark, so
// that the bounds it prints run under the same settings) calls this first.
namespace cratescope {

// Keeps freed memory for reuse instead of handing it back to the kernel and
// faulting it in again: large buffers (file texts, parse trees, a crate's
// facts) come from the heap rather than from a fresh mmap each time. The
// source model of a whole corpus runs ~10% faster; peak RSS barely moves,
// since pages that are kept were touched before.
// The release programs replace malloc with jemalloc (cmake/Modules.cmake,
// cratescope_allocator), which ignores these: the settings matter for builds
// without it (sanitizers, other platforms).
void tune_allocator();

}  // namespace cratescope
