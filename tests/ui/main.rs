//! The window driven as a clerk would: type Chinese into forms, click Save, read the register.
//! The helpers are here; the stories are in `clerk` (records, letters, the register,
//! settings), `workflow` (who works, review, course, visits, warnings, typical cases,
//! attachments, history) and `papers` (preview and printed documents).

mod clerk;
mod papers;
mod platform;
mod workflow;

use chrono::{Datelike, Local};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use guidance_ledger::domain::{Actor, CatalogueItem, Method, NoPenaltyEntry, Officer};
use guidance_ledger::store::Ledger;
use guidance_ledger::ui::{LedgerApp, Picker, Tab, setup_context};
use tempfile::TempDir;

use eframe::egui;

struct Office {
    dir: TempDir,
    path: std::path::PathBuf,
}

/// A fresh ledger on disk, optionally with two officers and one catalogue item.
fn office(with_staff: bool) -> Office {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.redb");
    let ledger = Ledger::open(&path).unwrap();
    if with_staff {
        for (name, station) in [("马国强", "安监站"), ("丁秀兰", "市场监管所")] {
            let officer = Officer {
                name: name.into(),
                station: station.into(),
                badge: "鲁淄37010001".into(),
                active: true,
                ..Default::default()
            };
            ledger.save_officer(&officer).unwrap();
        }
        let item = CatalogueItem {
            name: "食品经营规范提示".into(),
            domain: "市场监管".into(),
            method: Method::Reminder,
            basis: "《中华人民共和国食品安全法》第三十三条".into(),
            ..Default::default()
        };
        ledger.save_item(&item).unwrap();
    }
    ledger.set_preference("last_export_dir", &dir.path().to_string_lossy()).unwrap();
    Office { dir, path }
}

/// The window with the reviewer 李明 already chosen as the one working.
fn open_window(office: &Office) -> Harness<'static, LedgerApp> {
    let ledger = Ledger::open(&office.path).unwrap();
    let app = LedgerApp::new(ledger, Picker::Never).unwrap();
    harness_for(app.with_actor(Actor::Reviewer { name: "李明".into() }))
}

/// The window as it starts for the clerk: asking who is working.
fn open_window_asking(office: &Office) -> Harness<'static, LedgerApp> {
    let ledger = Ledger::open(&office.path).unwrap();
    harness_for(LedgerApp::new(ledger, Picker::Never).unwrap())
}

fn harness_for(app: LedgerApp) -> Harness<'static, LedgerApp> {
    let mut harness = Harness::builder()
        .with_size([1400.0, 1000.0])
        .with_max_steps(32)
        .with_step_dt(1.0 / 30.0)
        .with_context_setup(setup_context)
        .build_ui_state(|ui, app: &mut LedgerApp| app.ui(ui), app);
    harness.run_steps(3);
    harness
}

/// The text field named `label`; a column header with the same words is passed over.
fn field<'h>(harness: &'h Harness<'_, LedgerApp>, label: &'h str) -> egui_kittest::Node<'h> {
    harness
        .query_by_role_and_label(Role::TextInput, label)
        .or_else(|| harness.query_by_role_and_label(Role::MultilineTextInput, label))
        .unwrap_or_else(|| panic!("没有名为“{label}”的输入框"))
}

/// Frames for a scroll to a widget to finish its animation (a third of a second).
const SCROLL_STEPS: usize = 10;

fn type_into(harness: &mut Harness<'_, LedgerApp>, label: &str, text: &str) {
    field(harness, label).scroll_to_me();
    harness.run_steps(SCROLL_STEPS);
    field(harness, label).click();
    harness.run_steps(2);
    field(harness, label).type_text(text);
    harness.run_steps(2);
}

fn click(harness: &mut Harness<'_, LedgerApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run_steps(SCROLL_STEPS);
    harness.get_by_label(label).click();
    harness.run();
}

fn status(harness: &Harness<'_, LedgerApp>) -> String {
    harness.state().status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

fn now() -> chrono::NaiveDateTime {
    Local::now().naive_local()
}

fn this_year() -> i32 {
    Local::now().year()
}

/// Fills the 新建指导 form for a 个体工商户 and saves it.
fn record_guidance(harness: &mut Harness<'_, LedgerApp>, name: &str, content: &str) {
    click(harness, "新建指导");
    type_into(harness, "指导地点", "金岭一村");
    harness.get_by_label("马国强（安监站）").click();
    harness.run_steps(2);
    click(harness, "个体工商户");
    type_into(harness, "名称", name);
    type_into(harness, "联系电话", "13905331234");
    click(harness, "指导事项");
    click(harness, "食品经营规范提示（市场监管·提示提醒）");
    type_into(harness, "指导内容", content);
    click(harness, "保存并编号");
}

/// Steps the window until the status line starts with `prefix` (background work keeps the
/// window repainting, so `run` would not settle).
fn wait_for_status(harness: &mut Harness<'_, LedgerApp>, prefix: &str) {
    for _ in 0..600 {
        harness.run_steps(1);
        if status(harness).starts_with(prefix) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("状态栏没有出现“{prefix}”，而是“{}”", status(harness));
}

/// Double-clicks a row of the register, which opens its record.
fn open_from_register(harness: &mut Harness<'_, LedgerApp>, name: &str) {
    // Let the earlier clicks age, so these two count as a double click and not a triple.
    harness.run_steps(12);
    harness.get_by_label(name).click();
    harness.step();
    harness.get_by_label(name).click();
    harness.run();
}
