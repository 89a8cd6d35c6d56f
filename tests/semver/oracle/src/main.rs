//! Reads "REQ\tVERSION" lines on stdin and answers each on one stdout line:
//!   ok|<true or false>|<req as displayed>|<version as displayed>
//!   err-req|<error>   (the requirement did not parse; the version is not tried)
//!   err-ver|<error>   (the requirement parsed, the version did not)
use semver::{Version, VersionReq};
use std::io::{self, BufRead, BufWriter, Write};

fn answer(line: &str) -> String {
    let (req_text, version_text) = match line.find('\t') {
        Some(tab) => (&line[..tab], &line[tab + 1..]),
        None => (line, ""),
    };
    let req = match VersionReq::parse(req_text) {
        Ok(req) => req,
        Err(error) => return format!("err-req|{}", error),
    };
    let version = match Version::parse(version_text) {
        Ok(version) => version,
        Err(error) => return format!("err-ver|{}", error),
    };
    format!("ok|{}|{}|{}", req.matches(&version), req, version)
}

fn main() {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let line = line.expect("stdin must be UTF-8");
        writeln!(out, "{}", answer(&line)).expect("cannot write stdout");
    }
}
