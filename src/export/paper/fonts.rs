//! The fonts a paper is printed in: the official font of each [`Face`] when the PC has it,
//! else a free font bundled with the program, and for a character neither has, any font of
//! the PC that has it.
//!
//! Scanning the PC's font folders takes a moment, so a [`FontSet`] does it on first use and
//! only once; [`FontSet::shared`] keeps one set for the whole process.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use skrifa::{FontRef, MetadataProvider};

use super::Face;

/// Noto Serif SC Regular limited to GB 2312 (see `fonts/make_subset.py`): stands in for
/// 仿宋 and 楷体.
pub static NOTO_SERIF_SC: &[u8] = include_bytes!("../../../fonts/NotoSerifSC-Regular-GB2312.ttf");
/// Noto Serif SC Bold limited to GB 2312: stands in for 小标宋.
pub static NOTO_SERIF_SC_BOLD: &[u8] = include_bytes!("../../../fonts/NotoSerifSC-Bold-GB2312.ttf");
/// Noto Sans SC Regular limited to GB 2312, the UI font: stands in for 黑体.
pub static NOTO_SANS_SC: &[u8] = include_bytes!("../../../fonts/NotoSansSC-GB2312.ttf");

/// The bundled fonts, with the names a clerk is told.
const BUNDLED: [(&[u8], &str); 3] = [
    (NOTO_SERIF_SC, "思源宋体（Noto Serif SC）"),
    (NOTO_SERIF_SC_BOLD, "思源宋体粗体（Noto Serif SC Bold）"),
    (NOTO_SANS_SC, "思源黑体（Noto Sans SC）"),
];

/// One font the set can print with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontId {
    /// One of the bundled fonts (an index into the bundled list).
    Bundled(u8),
    /// A font found on the PC.
    System(fontdb::ID),
}

/// The bytes of a font file and the index of the face inside it (for `.ttc` collections).
#[derive(Clone)]
pub struct FontBytes {
    pub data: FontData,
    pub index: u32,
}

/// Font file contents: compiled into the program, or read from the PC once.
#[derive(Clone)]
pub enum FontData {
    Static(&'static [u8]),
    Shared(Arc<Vec<u8>>),
}

impl AsRef<[u8]> for FontData {
    fn as_ref(&self) -> &[u8] {
        match self {
            FontData::Static(bytes) => bytes,
            FontData::Shared(bytes) => bytes,
        }
    }
}

impl FontBytes {
    /// The font parsed for reading its tables; `None` when the file is broken.
    pub fn font(&self) -> Option<FontRef<'_>> {
        FontRef::from_index(self.data.as_ref(), self.index).ok()
    }
}

/// Font names that count as the official font of a face, then names of acceptable stand-ins
/// that Windows ships (仿宋 and 楷体 are the GBK versions of the same designs).
fn wanted_names(face: Face) -> (&'static [&'static str], &'static [&'static str]) {
    match face {
        Face::FangSong => (&["仿宋_GB2312", "FangSong_GB2312"], &["仿宋", "FangSong"]),
        Face::XiaoBiaoSong => (
            &["方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05"],
            &[],
        ),
        Face::HeiTi => (&["黑体", "SimHei"], &[]),
        Face::KaiTi => (&["楷体_GB2312", "KaiTi_GB2312"], &["楷体", "KaiTi"]),
    }
}

/// The bundled font that stands in for `face`.
fn bundled_for(face: Face) -> u8 {
    match face {
        Face::FangSong | Face::KaiTi => 0,
        Face::XiaoBiaoSong => 1,
        Face::HeiTi => 2,
    }
}

/// What was found on the PC, once.
struct System {
    db: fontdb::Database,
    /// Per face (in [`Face::ALL`] order): the font found, its family name, and whether it is
    /// the official font itself rather than a stand-in.
    chosen: [Option<(fontdb::ID, String, bool)>; 4],
}

/// The fonts for printing, chosen per [`Face`]. Cheap to create; the PC's fonts are scanned
/// on first use.
pub struct FontSet {
    dirs: Vec<PathBuf>,
    system: OnceLock<System>,
    loaded: Mutex<HashMap<fontdb::ID, Option<FontBytes>>>,
    rare: Mutex<HashMap<char, Option<FontId>>>,
}

impl FontSet {
    /// Only the bundled fonts: the same output on every PC (for tests and previews).
    pub fn bundled() -> Self {
        Self::with_dirs(Vec::new())
    }

    /// The official fonts from the usual font folders of this PC, else the bundled ones.
    pub fn system() -> Self {
        Self::with_dirs(default_dirs())
    }

    /// Fonts from the given folders (searched with their subfolders), else the bundled ones.
    pub fn with_dirs(dirs: Vec<PathBuf>) -> Self {
        FontSet {
            dirs,
            system: OnceLock::new(),
            loaded: Mutex::new(HashMap::new()),
            rare: Mutex::new(HashMap::new()),
        }
    }

    /// One [`FontSet::system`] for the whole process.
    pub fn shared() -> &'static FontSet {
        static SHARED: OnceLock<FontSet> = OnceLock::new();
        SHARED.get_or_init(FontSet::system)
    }

    fn system_fonts(&self) -> &System {
        self.system.get_or_init(|| {
            let mut db = fontdb::Database::new();
            for dir in &self.dirs {
                if dir.is_dir() {
                    db.load_fonts_dir(dir);
                }
            }
            let chosen = Face::ALL.map(|face| find_official(&db, face));
            log::info!("font scan: {} faces in {} folders", db.len(), self.dirs.len());
            System { db, chosen }
        })
    }

    /// The font a face prints in: the official one (or a stand-in) if found, else bundled.
    pub fn primary(&self, face: Face) -> FontId {
        match &self.system_fonts().chosen[face_index(face)] {
            Some((id, _, _)) if self.bytes(FontId::System(*id)).is_some() => FontId::System(*id),
            _ => FontId::Bundled(bundled_for(face)),
        }
    }

    /// When `face` does not print in its official font, a sentence saying what it uses
    /// instead, e.g. “本机未安装仿宋\_GB2312，已改用思源宋体（Noto Serif SC）”.
    pub fn fallback_note(&self, face: Face) -> Option<String> {
        let id = self.primary(face);
        let exact = matches!(
            (&self.system_fonts().chosen[face_index(face)], id),
            (Some((found, _, true)), FontId::System(used)) if *found == used
        );
        (!exact).then(|| format!("本机未安装{}，已改用{}", face.official_name(), self.name(id)))
    }

    /// The name of a font as the clerk is told it.
    pub fn name(&self, id: FontId) -> String {
        match id {
            FontId::Bundled(i) => BUNDLED.get(usize::from(i)).map_or("", |b| b.1).to_owned(),
            FontId::System(id) => {
                let system = self.system_fonts();
                if let Some((_, family, _)) = system.chosen.iter().flatten().find(|c| c.0 == id) {
                    return family.clone();
                }
                system.db.face(id).map_or_else(String::new, family_name)
            }
        }
    }

    /// The font that prints `ch` in `face`: the face's font if it has the character, else
    /// another bundled font, else any font of the PC. `None`: no font here can print it.
    pub fn font_for(&self, face: Face, ch: char) -> Option<FontId> {
        let primary = self.primary(face);
        if self.has_char(primary, ch) {
            return Some(primary);
        }
        let bundled = [bundled_for(face), 0, 2, 1].map(FontId::Bundled);
        if let Some(id) = bundled.into_iter().find(|&id| self.has_char(id, ch)) {
            return Some(id);
        }
        let mut rare = self.rare.lock().unwrap_or_else(PoisonError::into_inner);
        *rare.entry(ch).or_insert_with(|| self.any_system_font(ch))
    }

    /// The bytes of a font, read from disk on first use. `None` when the file went missing.
    pub fn bytes(&self, id: FontId) -> Option<FontBytes> {
        match id {
            FontId::Bundled(i) => BUNDLED
                .get(usize::from(i))
                .map(|b| FontBytes { data: FontData::Static(b.0), index: 0 }),
            FontId::System(id) => {
                let mut loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
                loaded
                    .entry(id)
                    .or_insert_with(|| {
                        let db = &self.system_fonts().db;
                        let bytes = db.with_face_data(id, |data, index| FontBytes {
                            data: FontData::Shared(Arc::new(data.to_vec())),
                            index,
                        })?;
                        bytes.font().is_some().then_some(bytes)
                    })
                    .clone()
            }
        }
    }

    /// Whether font `id` has a glyph for `ch`.
    pub fn has_char(&self, id: FontId, ch: char) -> bool {
        self.bytes(id).is_some_and(|b| b.font().is_some_and(|f| f.charmap().map(ch).is_some()))
    }

    fn any_system_font(&self, ch: char) -> Option<FontId> {
        let db = &self.system_fonts().db;
        db.faces()
            .find(|info| {
                db.with_face_data(info.id, |data, index| {
                    FontRef::from_index(data, index).is_ok_and(|f| f.charmap().map(ch).is_some())
                })
                .unwrap_or(false)
            })
            .map(|info| FontId::System(info.id))
    }
}

fn face_index(face: Face) -> usize {
    Face::ALL.iter().position(|&f| f == face).unwrap_or(0)
}

/// The PC's official font for `face`, else a stand-in, by family name.
fn find_official(db: &fontdb::Database, face: Face) -> Option<(fontdb::ID, String, bool)> {
    let (official, stand_ins) = wanted_names(face);
    for (names, exact) in [(official, true), (stand_ins, false)] {
        for name in names {
            let found = db.faces().find(|info| {
                info.families.iter().any(|(family, _)| family.trim().eq_ignore_ascii_case(name))
            });
            if let Some(info) = found {
                return Some((info.id, family_name(info), exact));
            }
        }
    }
    None
}

/// A font's family name, the Chinese one when it has one.
fn family_name(info: &fontdb::FaceInfo) -> String {
    let chinese = info.families.iter().find(|(name, _)| !name.is_ascii());
    chinese.or(info.families.first()).map_or_else(|| info.post_script_name.clone(), |f| f.0.clone())
}

/// The usual font folders of Windows and Linux.
pub fn default_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if cfg!(windows) {
        let windir = std::env::var_os("WINDIR").map_or_else(|| "C:\\Windows".into(), PathBuf::from);
        dirs.push(windir.join("Fonts"));
        if let Some(local) = std::env::var_os("LOCALAPPDATA") {
            dirs.push(PathBuf::from(local).join("Microsoft").join("Windows").join("Fonts"));
        }
    } else {
        dirs.push(PathBuf::from("/usr/share/fonts"));
        dirs.push(PathBuf::from("/usr/local/share/fonts"));
        if let Some(home) = std::env::var_os("HOME") {
            let home = PathBuf::from(home);
            dirs.push(home.join(".local/share/fonts"));
            dirs.push(home.join(".fonts"));
        }
    }
    dirs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_official_fonts_every_face_falls_back_and_says_so() {
        let fonts = FontSet::bundled();
        for face in Face::ALL {
            assert!(matches!(fonts.primary(face), FontId::Bundled(_)));
            let note = fonts.fallback_note(face).unwrap_or_default();
            assert!(note.starts_with("本机未安装"), "{note}");
            assert!(note.contains(face.official_name()), "{note}");
        }
        assert_eq!(
            fonts.fallback_note(Face::FangSong).as_deref(),
            Some("本机未安装仿宋_GB2312，已改用思源宋体（Noto Serif SC）")
        );
    }

    #[test]
    fn bundled_fonts_cover_gb2312_but_not_rare_name_characters() {
        let fonts = FontSet::bundled();
        for ch in "金岭回族镇，。（）〔〕《》0123456789ABCxyz—…".chars() {
            for face in Face::ALL {
                assert_eq!(fonts.font_for(face, ch), Some(fonts.primary(face)), "{ch}");
            }
        }
        assert_eq!(fonts.font_for(Face::FangSong, '𠮷'), None);
        assert_eq!(fonts.font_for(Face::FangSong, '䶮'), None);
    }

    #[test]
    fn a_folder_with_a_rare_character_font_prints_it() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts");
        let fonts = FontSet::with_dirs(vec![dir]);
        let id = fonts.font_for(Face::FangSong, '𠂇');
        assert!(matches!(id, Some(FontId::System(_))), "{id:?}");
        assert!(fonts.font_for(Face::HeiTi, '䶮').is_some());
        assert_eq!(fonts.font_for(Face::HeiTi, '𠮷'), None);
        // The fixture is not an official font, so the faces still use the bundled ones.
        assert!(matches!(fonts.primary(Face::FangSong), FontId::Bundled(0)));
    }
}
