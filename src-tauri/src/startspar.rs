//! `UNDERLAG_STARTSPAR=1`: the start's milestones on stderr, in milliseconds since `main`
//! began, so that `bench/app-start`'s total can be broken down into where the time goes
//! (Tauri and GTK, the store and its key, the window, the page, the first commands). Off
//! unless asked for: nothing is printed and nothing is measured.

use std::sync::OnceLock;
use std::time::Instant;

static START: OnceLock<Option<Instant>> = OnceLock::new();

/// At the top of `main`: starts the clock when the trace is asked for.
pub fn borja() {
    START.get_or_init(|| std::env::var_os("UNDERLAG_STARTSPAR").map(|_| Instant::now()));
}

/// One milestone, when the trace is on.
pub fn markera(vad: impl std::fmt::Display) {
    if let Some(Some(start)) = START.get() {
        eprintln!(
            "startspår {:>8.1} ms  {vad}",
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
}
