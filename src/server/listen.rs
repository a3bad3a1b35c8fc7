//! Accepting connections with the limits `axum::serve` does not set: a
//! client gets [`Timeouts::header`] to send a request's headers (also the
//! next one on a kept-alive connection, so idle connections close too) and
//! [`Timeouts::body_idle`] between two parts of a body; pages have their own
//! limit (`security::page_timeout`). HTTP/1.1 only: browsers speak HTTP/2
//! with the TLS proxy in front, never with the portal itself.

use axum::{extract::ConnectInfo, Router};
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
    service::TowerToHyperService,
};
use std::{future::Future, time::Duration};
use tower::ServiceExt;

/// How long a client may take.
#[derive(Clone, Copy, Debug)]
pub struct Timeouts {
    /// To send a request's headers; also how long a kept-alive connection
    /// stays open without a request.
    pub header: Duration,
    /// The longest pause while sending a body.
    pub body_idle: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            header: Duration::from_secs(10),
            body_idle: Duration::from_secs(30),
        }
    }
}

/// How long requests in flight may take to finish after a shutdown signal.
const DRAIN: Duration = Duration::from_secs(20);

/// Serves `app` on `listener` until `shutdown` completes, then lets the
/// requests in flight finish (at most [`DRAIN`]).
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    timeouts: Timeouts,
    shutdown: impl Future<Output = ()>,
) {
    let app = app.layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
        timeouts.body_idle,
    ));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(timeouts.header)
        .keep_alive(true);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, say: wait instead of spinning.
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let app = app.clone();
        let service = tower::service_fn(move |mut request: axum::http::Request<_>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            app.clone().oneshot(request.map(axum::body::Body::new))
        });
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!("connection ended: {e}");
            }
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(DRAIN) => tracing::warn!("requests still in flight at shutdown"),
    }
}
