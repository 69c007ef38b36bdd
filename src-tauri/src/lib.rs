//! waba-remover's app: the Tauri shell around the core crate (`waba_core`), which does all the
//! work with Meta (`ARCHITECTURE.md`).
//!
//! Layers (arrows point down only): `ui/` → [`commands`](crate) (thin; with `app`, `state` and
//! `error`, the only Tauri-aware code) → `waba_core` (graph, removal, restore, vault; no Tauri in
//! its dependency tree) → Graph API or the practice sandbox.

mod app;
mod commands;
pub mod console;
pub mod entry;
mod error;
mod log_file;
mod state;
mod update;
mod window_place;

pub use app::{run, with_commands};
