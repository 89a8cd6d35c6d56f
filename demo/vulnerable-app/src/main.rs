//! vulnerable-app: receives JSON webhooks and logs the ones whose `ref`
//! matches a user-supplied pattern. Its dependencies are pinned to 2021-era
//! versions with known advisories; `cratescope audit demo/vulnerable-app`
//! shows which ones matter and whether this code reaches them.

use std::convert::Infallible;
use std::net::SocketAddr;

use ansi_term::Colour::{Green, Red};
use hyper::service::{make_service_fn, service_fn};
use hyper::{Body, Method, Request, Response, Server, StatusCode};
use regex::Regex;
use serde_json::Value;
use smallvec::SmallVec;

fn filter() -> Regex {
    // The pattern comes from the environment: RUSTSEC-2022-0013 (regex < 1.5.5)
    // lets a crafted pattern take a very long time to compile.
    let pattern = std::env::var("REF_FILTER").unwrap_or_else(|_| String::from("^refs/heads/main$"));
    Regex::new(&pattern).expect("bad REF_FILTER")
}

async fn handle(req: Request<Body>) -> Result<Response<Body>, Infallible> {
    if req.method() != Method::POST || req.uri().path() != "/hook" {
        return Ok(Response::builder().status(StatusCode::NOT_FOUND).body(Body::empty()).unwrap());
    }
    let bytes = hyper::body::to_bytes(req.into_body()).await.unwrap_or_default();
    let push: Value = match serde_json::from_slice(&bytes) {
        Ok(p) => p,
        Err(e) => {
            log::warn!("bad payload: {}", e);
            return Ok(Response::builder().status(StatusCode::BAD_REQUEST).body(Body::empty()).unwrap());
        }
    };
    // time::now is one of RUSTSEC-2020-0071's affected functions
    let stamp = time::now().rfc3339().to_string();
    let git_ref = push["ref"].as_str().unwrap_or_default();
    if !filter().is_match(git_ref) {
        println!("{} {} {}", stamp, Red.paint("skip"), git_ref);
        return Ok(Response::new(Body::from("skipped")));
    }
    let commits = push["commits"].as_array().cloned().unwrap_or_default();
    // short ids of the first few commits; insert_many is RUSTSEC-2021-0003's function
    let mut ids: SmallVec<[String; 4]> = SmallVec::new();
    ids.insert_many(0, commits.iter().take(8).map(|c| c["id"].as_str().unwrap_or("").chars().take(7).collect::<String>()));
    for c in &commits {
        log::info!("{}: {}", c["id"], c["message"].as_str().unwrap_or("").lines().next().unwrap_or(""));
    }
    println!("{} {} {} [{}]", stamp, Green.paint("push"), git_ref, ids.join(", "));
    Ok(Response::new(Body::from("ok")))
}

fn main() {
    let rt = tokio::runtime::Runtime::new().expect("tokio runtime");
    rt.block_on(async {
        let addr = SocketAddr::from(([127, 0, 0, 1], 8080));
        let make = make_service_fn(|_conn| async { Ok::<_, Infallible>(service_fn(handle)) });
        if let Err(e) = Server::bind(&addr).serve(make).await {
            eprintln!("server error: {}", e);
        }
    });
}
