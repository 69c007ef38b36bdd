fn main() {
    // Capabilities live in src-tauri/capabilities; tauri.conf.json is at the package root.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/commands.list");
    println!("cargo:rerun-if-changed=ui");
    // The app's commands are denied unless a capability allows them one by one
    // (`allow-<command>`), so the web view can call exactly what is listed.
    let list = std::fs::read_to_string("src-tauri/commands.list").expect("src-tauri/commands.list");
    let commands: &'static [&'static str] = Box::leak(
        list.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| &*Box::leak(l.to_owned().into_boxed_str()))
            .collect::<Vec<&'static str>>()
            .into_boxed_slice(),
    );
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri-build failed");
}
