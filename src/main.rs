#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    inzage::server::cli::run().await
}

#[cfg(not(feature = "ssr"))]
fn main() {
    // The browser side starts from `inzage::hydrate`; nothing to run here.
}
