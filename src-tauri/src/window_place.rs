//! The window's size and place, kept between launches in `window.json` of the config folder,
//! written through `waba_core::files` (private, atomic) and read back as hostile input: a size
//! outside what a screen can show is clamped, a place on no screen is ignored (the window opens
//! centred), a damaged file is ignored.

use serde::{Deserialize, Serialize};
use std::path::Path;
use tauri::{PhysicalPosition, PhysicalSize, Runtime, WebviewWindow, Window};

const FILE_NAME: &str = "window.json";
/// The label of the window whose place is kept (`tauri.conf.json`).
pub const MAIN: &str = "main";
const MIN: (u32, u32) = (860, 600);
const MAX: (u32, u32) = (8192, 8192);

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct Place {
    width: u32,
    height: u32,
    x: i32,
    y: i32,
    #[serde(default)]
    maximized: bool,
}

impl Place {
    fn clamped(mut self) -> Self {
        self.width = self.width.clamp(MIN.0, MAX.0);
        self.height = self.height.clamp(MIN.1, MAX.1);
        self
    }
}

fn read(config_dir: &Path) -> Option<Place> {
    let bytes = std::fs::read(config_dir.join(FILE_NAME)).ok()?;
    if bytes.len() > 4096 {
        return None;
    }
    serde_json::from_slice::<Place>(&bytes)
        .ok()
        .map(Place::clamped)
}

/// Puts the window where the admin left it, when that place is on a screen this computer has.
pub fn restore<R: Runtime>(w: &WebviewWindow<R>, config_dir: &Path) {
    let Some(p) = read(config_dir) else {
        return;
    };
    let on_a_screen = w.available_monitors().unwrap_or_default().iter().any(|m| {
        let (mp, ms) = (m.position(), m.size());
        let (cx, cy) = (p.x + 80, p.y + 40);
        cx >= mp.x
            && cy >= mp.y
            && i64::from(cx) < i64::from(mp.x) + i64::from(ms.width)
            && i64::from(cy) < i64::from(mp.y) + i64::from(ms.height)
    });
    let _ = w.set_size(PhysicalSize::new(p.width, p.height));
    if on_a_screen {
        let _ = w.set_position(PhysicalPosition::new(p.x, p.y));
    }
    if p.maximized {
        let _ = w.maximize();
    }
}

/// Keeps the window's size and place for the next launch (a failure only costs the place).
pub fn save<R: Runtime>(w: &Window<R>, config_dir: &Path) {
    let maximized = w.is_maximized().unwrap_or(false);
    let (Ok(size), Ok(pos)) = (w.inner_size(), w.outer_position()) else {
        return;
    };
    if w.is_minimized().unwrap_or(false) {
        return;
    }
    let place = Place {
        width: size.width,
        height: size.height,
        x: pos.x,
        y: pos.y,
        maximized,
    };
    let Ok(bytes) = serde_json::to_vec(&place) else {
        return;
    };
    if waba_core::files::create_private_dir(config_dir)
        .and_then(|()| waba_core::files::write_atomic(&config_dir.join(FILE_NAME), &bytes))
        .is_err()
    {
        log::warn!("the window's place was not kept");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_place_is_read_back_clamped_and_a_damaged_one_ignored() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join(FILE_NAME);
        std::fs::write(&p, br#"{"width":10,"height":999999,"x":-5,"y":7}"#).unwrap();
        let place = read(d.path()).unwrap();
        assert_eq!((place.width, place.height), (MIN.0, MAX.1));
        std::fs::write(&p, b"{\"width\":").unwrap();
        assert!(read(d.path()).is_none());
        std::fs::write(&p, vec![b' '; 5000]).unwrap();
        assert!(read(d.path()).is_none());
    }
}
