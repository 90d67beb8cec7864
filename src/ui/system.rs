//! Handing files to the operating system: the file manager and the default viewer.

use std::path::Path;
use std::process::Command;

/// Shows the file in the system's file manager.
pub fn show_in_folder(path: &Path) -> Result<(), String> {
    let dir = path.parent().unwrap_or(path);
    let result = if cfg!(target_os = "windows") {
        Command::new("explorer").arg(format!("/select,{}", path.display())).spawn()
    } else if cfg!(target_os = "macos") {
        Command::new("open").arg("-R").arg(path).spawn()
    } else {
        Command::new("xdg-open").arg(dir).spawn()
    };
    result.map(|_| ()).map_err(|e| format!("无法打开文件夹：{e}"))
}

/// Opens the file with the program the system uses for its kind (a PDF reader, a photo
/// viewer).
pub fn open_with_viewer(path: &Path) -> Result<(), String> {
    let result = if cfg!(target_os = "windows") {
        Command::new("cmd").args(["/C", "start", ""]).arg(path).spawn()
    } else if cfg!(target_os = "macos") {
        Command::new("open").arg(path).spawn()
    } else {
        Command::new("xdg-open").arg(path).spawn()
    };
    result.map(|_| ()).map_err(|e| format!("无法打开文件：{e}"))
}
