//! Printed papers: preview, PDF and Word from a record, and a period's documents at once.

use super::*;

/// Saves the pending export into the remembered folder and waits until it is written.
fn save_here(harness: &mut Harness<'_, LedgerApp>) {
    harness.get_by_label("未选择保存位置");
    harness.get_by_label("保存到此处").click();
    wait_for_status(harness, "已导出");
    harness.run_steps(2);
}

#[test]
fn a_record_is_previewed_and_exported_as_pdf_and_word() {
    let office = office(true);
    let mut harness = open_window(&office);
    record_guidance(&mut harness, "金岭镇清真牛肉面馆", "提醒落实进货查验记录制度");
    click(&mut harness, "查看");
    click(&mut harness, "预览");
    harness.get_by_label_contains("预览：行政指导文书");
    harness.get_by_label("第 1 页 / 共 1 页");

    let number = format!("金岭指导书〔{}〕1号", this_year());
    click(&mut harness, "导出 PDF");
    save_here(&mut harness);
    let pdf = office.dir.path().join(format!("行政指导文书_{number}.pdf"));
    assert_eq!(status(&harness), format!("已导出：{}", pdf.display()));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF file");
    harness.get_by_label_contains("本机未安装仿宋_GB2312，已改用");
    click(&mut harness, "关闭");

    click(&mut harness, "导出 Word");
    harness.get_by_label("保存到此处").click();
    let docx = office.dir.path().join(format!("行政指导文书_{number}.docx"));
    let written = format!("已导出：{}", docx.display());
    for _ in 0..600 {
        harness.run_steps(1);
        if status(&harness) == written {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(status(&harness), written);
    let bytes = std::fs::read(&docx).unwrap();
    assert!(bytes.starts_with(b"PK"), "a Word file is a zip archive");
}

#[test]
fn the_documents_of_a_period_are_exported_in_one_pdf() {
    let office = office(true);
    let mut harness = open_window(&office);
    record_guidance(&mut harness, "金岭镇清真牛肉面馆", "提醒落实进货查验记录制度");
    record_guidance(&mut harness, "金岭回族镇好运来超市", "提醒规范明码标价");
    click(&mut harness, "登记簿");
    click(&mut harness, "批量导出文书…");
    harness.get_by_label("共2份（已作废的不导出）");
    click(&mut harness, "开始导出");
    save_here(&mut harness);
    harness.get_by_label_contains("共2份文书，写入1个文件");
    let written = std::fs::read_dir(office.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("the batch PDF");
    assert!(written.file_name().unwrap().to_string_lossy().starts_with("行政指导文书_"));
    let pdf = lopdf::Document::load(&written).unwrap();
    assert_eq!(pdf.get_pages().len(), 2, "one page for each record");
}
