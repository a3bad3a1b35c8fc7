// Rendering pages allocates many small strings; mimalloc serves them faster than
// the system allocator under concurrent load (docs/benchmarks.md).
#[cfg(feature = "ssr")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    return_freed_memory_sooner();
    inzage::server::cli::run().await
}

/// mimalloc 3 keeps freed memory for a second before it gives it back. The
/// bulk ingest frees a batch's worth every few milliseconds, and what was
/// kept took the server's peak to 200 MB. After 50 ms it stays under 180 MB
/// (200,000 records), at no measurable cost to pages (docs/benchmarks.md).
// The one unsafe block of Inzage (the library forbids them): mimalloc has no
// safe way to set an option.
#[cfg(feature = "ssr")]
#[allow(unsafe_code)]
fn return_freed_memory_sooner() {
    /// `mi_option_purge_delay` in mimalloc.h's `mi_option_e` (milliseconds).
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: sets one integer option; mimalloc reads options atomically.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 50) }
}

#[cfg(not(feature = "ssr"))]
fn main() {
    // The browser side starts from `inzage::hydrate`; nothing to run here.
}
