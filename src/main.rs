// Rendering pages allocates many small strings; mimalloc serves them faster than
// the system allocator under concurrent load (docs/benchmarks.md).
#[cfg(feature = "ssr")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    inzage::server::cli::run().await
}

#[cfg(not(feature = "ssr"))]
fn main() {
    // The browser side starts from `inzage::hydrate`; nothing to run here.
}
