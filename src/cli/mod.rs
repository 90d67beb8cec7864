//! The command line: the ledger's operations without a window, for scheduled jobs, tests
//! and benchmarks. Parsing is clap's; [`run`] carries out one command and reports in Chinese.

mod backup;
mod demo;
mod export;
mod import;
mod papers;
mod search;
mod soak;
mod verify;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgAction, Parser, Subcommand};

use crate::domain::Actor;
use crate::export::ExportError;
use crate::import::ImportError;
use crate::store::{Ledger, StoreError};

pub use backup::{backup, restore};
pub use demo::demo;
pub use export::export;
pub use import::import;
pub use search::search;
pub use soak::soak;
pub use verify::verify;

/// Layout of every help page, with Chinese headings.
const HELP_TEMPLATE: &str = "{about}\n\n用法：{usage}\n\n{all-args}{after-help}";

/// Arguments of the program. Without a command it opens the window.
#[derive(Debug, Parser)]
#[command(
    name = "guidance-ledger",
    version,
    about = "行政指导台账：登记行政指导文书和意见书，查看登记簿，导出表格。\n不带命令时打开窗口。",
    override_usage = "guidance-ledger [--db 文件] [命令]",
    help_template = HELP_TEMPLATE,
    next_help_heading = "选项",
    subcommand_help_heading = "命令",
    subcommand_value_name = "命令",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// 台账数据库文件；不写时使用本机数据文件夹中的 guidance-ledger.redb
    #[arg(long, global = true, value_name = "文件")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
    /// 显示帮助
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// 显示版本号
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

/// What to do without a window.
#[derive(Clone, Debug, Subcommand)]
pub enum Command {
    /// 生成演示数据（只写入新的空台账，以免占用正式文号）
    #[command(
        disable_help_flag = true,
        next_help_heading = "选项",
        help_template = HELP_TEMPLATE,
        override_usage = "guidance-ledger demo [--db 文件] [--records 份数] [--seed 种子]"
    )]
    Demo {
        /// 生成的指导记录份数（默认 1000）
        #[arg(
            long,
            value_name = "份数",
            default_value_t = 1000,
            hide_default_value = true,
            value_parser = records
        )]
        records: usize,
        /// 随机种子：种子相同，生成的数据相同（默认 1）
        #[arg(long, value_name = "种子", default_value_t = 1, hide_default_value = true)]
        seed: u64,
    },
    /// 导出登记簿（register）、事项目录（catalogue）、意见书台账（letters）或上传涉企平台的目录（platform）
    #[command(
        disable_help_flag = true,
        next_help_heading = "选项",
        help_template = HELP_TEMPLATE,
        override_usage = "guidance-ledger export <清单> --out 文件 [--format 格式] [--year 年份] \
                          [--number 文号] [--db 文件]"
    )]
    Export {
        /// 要导出的内容：register、catalogue、letters、platform（涉企平台目录，按窗口中选定的列），或 document（一份文书，须写 --number）
        #[arg(value_name = "清单", help_heading = "参数")]
        list: String,
        /// 文件格式：csv、xlsx，登记簿和文书还可 pdf、docx；不写时按输出文件的扩展名
        #[arg(long, value_name = "格式")]
        format: Option<String>,
        /// 要导出的文书的文号，如 "金岭指导书〔2026〕1号"（导出 document 时）
        #[arg(long, value_name = "文号")]
        number: Option<String>,
        /// 输出文件
        #[arg(long, value_name = "文件")]
        out: PathBuf,
        /// 只导出这一年的记录（四位年份，如 2025）
        #[arg(long, value_name = "年份")]
        year: Option<String>,
    },
    /// 在指导记录和意见书中查找文字，支持拼音首字母（如 jlz 找到“金岭镇”）
    #[command(
        disable_help_flag = true,
        next_help_heading = "选项",
        help_template = HELP_TEMPLATE,
        override_usage = "guidance-ledger search [--db 文件] <文字>..."
    )]
    Search {
        /// 要查找的文字；多个词之间用空格分开，须全部出现
        #[arg(value_name = "文字", required = true, num_args = 1.., help_heading = "参数")]
        text: Vec<String>,
    },
    /// 把台账备份到一个文件夹（可在程序打开时进行），写完后重新打开核对
    #[command(
        disable_help_flag = true,
        next_help_heading = "选项",
        help_template = HELP_TEMPLATE,
        override_usage = "guidance-ledger backup --to 文件夹 [--db 文件]"
    )]
    Backup {
        /// 备份存放的文件夹（须已存在，如共享盘上的文件夹）
        #[arg(long, value_name = "文件夹")]
        to: PathBuf,
    },
    /// 从备份文件恢复台账：先核对备份并备份当前数据，再整体替换
    #[command(
        disable_help_flag = true,
        next_help_heading = "选项",
        help_template = HELP_TEMPLATE,
        override_usage = "guidance-ledger restore --from 备份文件 [--db 文件]"
    )]
    Restore {
        /// 要恢复的备份文件（备份文件夹中扩展名为 .redb 的文件）
        #[arg(long, value_name = "备份文件")]
        from: PathBuf,
    },
    /// 校验修改记录：检查每条记录的哈希值、前后链接、序号和记录头，发现问题时报告第一处
    #[command(
        disable_help_flag = true,
        next_help_heading = "选项",
        help_template = HELP_TEMPLATE,
        override_usage = "guidance-ledger verify [--db 文件]"
    )]
    Verify,
    /// 从表格导入旧登记簿（register）、事项目录（catalogue）或不罚清单（no-penalty）；
    /// 默认只试运行，加 --commit 才写入，且要么全部导入、要么一行也不导入
    #[command(
        disable_help_flag = true,
        next_help_heading = "选项",
        help_template = HELP_TEMPLATE,
        override_usage = "guidance-ledger import <清单> --from 文件 [--commit] [--db 文件]"
    )]
    Import {
        /// 要导入的清单：register、catalogue 或 no-penalty
        #[arg(value_name = "清单", help_heading = "参数")]
        list: String,
        /// 要导入的表格文件：.xlsx、.xls 或 .csv（UTF-8 或 GBK 编码）
        #[arg(long, value_name = "文件")]
        from: PathBuf,
        /// 正式写入台账；不加时只试运行，报告结果而不作改动
        #[arg(long)]
        commit: bool,
    },
    /// Saves documents in a loop, one line per commit; for the crash test (tests/crash.rs).
    #[command(hide = true)]
    Soak {
        #[arg(long, default_value_t = 1_000_000)]
        count: u64,
    },
}

/// Why a command failed, in words a clerk can act on.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Export(#[from] ExportError),
    #[error("{0}")]
    Import(ImportError),
    #[error(
        "不认识的清单“{0}”，请写 register（登记簿）、catalogue（事项目录）或 no-penalty（不罚清单）。"
    )]
    UnknownImport(String),
    #[error("找不到台账数据库“{}”。请检查 --db 后的路径；导出和查找不会新建数据库。", .0.display())]
    MissingDb(PathBuf),
    #[error(
        "不认识的清单“{0}”，请写 register（登记簿）、catalogue（事项目录）、letters（意见书台账）或 platform（涉企平台目录）。"
    )]
    UnknownList(String),
    #[error("涉企平台目录的列设置有误：{0}。请在窗口“事项目录”→“导出到涉企平台…”中改正后再导出。")]
    Layout(String),
    #[error("不支持的导出格式“{0}”，请写 csv、xlsx、pdf 或 docx。")]
    UnknownFormat(String),
    #[error("导出一份文书须用 --number 写明文号，如 --number \"金岭指导书〔2026〕1号\"。")]
    NoNumber,
    #[error("台账中没有文号为“{0}”的指导记录或意见书，请核对文号（括号应为〔〕）。")]
    NumberNotFound(String),
    #[error("“{0}”只能导出为 csv 或 xlsx；pdf 和 docx 用于登记簿（register）和文书（document）。")]
    NotPrintable(String),
    #[error("看不出“{}”应导出为哪种格式，请用 --format csv 或 --format xlsx 指定。", .0.display())]
    NoFormat(PathBuf),
    #[error("年份“{0}”无效，请写四位数字的年份，如 2025。")]
    BadYear(String),
    #[error("事项目录不分年份，导出目录（catalogue、platform）时请去掉 --year。")]
    YearNotApplicable,
    #[error(
        "台账“{}”中已有数据（指导人员{officers}名、目录事项{items}项、指导记录{guidance}份），\
         演示数据只能写入新的空台账，以免与正式记录混在一起、占用正式文号。请用 --db 指定一个新文件。",
        path.display()
    )]
    NotEmpty { path: PathBuf, officers: usize, items: usize, guidance: usize },
    #[error("请输入要查找的文字。")]
    EmptyQuery,
    #[error("无法输出结果：{0}")]
    Output(std::io::Error),
    #[error(
        "台账“{}”正在另一个窗口中使用，不能在命令行恢复。请先关闭该窗口再恢复，或在窗口的“设置”→“备份与恢复”中恢复。",
        .0.display()
    )]
    RestoreWhileOpen(PathBuf),
    #[error("校验未通过。{0}。请勿继续修改台账，并将此情况报告负责人；可用备份核对被改动的内容。")]
    VerifyFailed(String),
}

/// Exit status when `verify` finds a fault, apart from 1 for a command that could not run.
pub const EXIT_FAULT: u8 = 2;

/// Carries out `command` on the ledger at `db`. Errors go to stderr as “错误：…” and give
/// a non-zero exit code.
#[must_use]
pub fn run(db: &Path, command: Command) -> ExitCode {
    let result = match command {
        Command::Demo { records, seed } => demo(db, records, seed).map(|summary| {
            let w = summary.workflow;
            println!(
                "已生成演示数据：指导人员{}名，目录事项{}项，指导记录{}份（其中拒绝{}份、作废{}份），\
                 意见书{}份，{}—{}年，办理过程{}步；不罚清单{}项，回访计划{}次（已回访{}次），\
                 不罚清单登记{}份；保存在 {}",
                summary.officers,
                summary.items,
                summary.guidance,
                summary.refused,
                summary.voided,
                summary.letters,
                summary.first_year,
                summary.last_year,
                summary.moves,
                w.no_penalty,
                w.follow_ups,
                w.visits,
                w.warnings,
                db.display()
            );
        }),
        Command::Export { list, format, out, year, number } => {
            let (format, year) = (format.as_deref(), year.as_deref());
            if papers::wants_paper(&list, format, &out) || number.is_some() {
                papers::export_paper(db, &list, format, &out, year, number.as_deref())
            } else {
                export(db, &list, format, &out, year).map(|rows| {
                    println!("已导出 {rows} 行到 {}", out.display());
                })
            }
        }
        Command::Search { text } => search(db, &text.join(" ")),
        Command::Backup { to } => backup(db, &to).map(|_| ()),
        Command::Restore { from } => restore(db, &from).map(|_| ()),
        Command::Import { list, from, commit } => import(db, &list, &from, commit).map(|_| ()),
        Command::Soak { count } => soak(db, count),
        Command::Verify => verify(db),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e @ CliError::VerifyFailed(_)) => {
            eprintln!("{e}");
            ExitCode::from(EXIT_FAULT)
        }
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::FAILURE
        }
    }
}

/// Opens a ledger that must already exist: reading commands never create one. Changes made
/// through it are recorded as made on the command line.
///
/// While the window has the ledger open, a checked private copy is read instead, so that a
/// scheduled export or backup works while the clerk is at work. redb verifies every page of
/// the copy; a copy caught in the middle of a save fails that check and is taken again.
fn open_existing(db: &Path) -> Result<Ledger, CliError> {
    if !db.is_file() {
        return Err(CliError::MissingDb(db.to_path_buf()));
    }
    let mut ledger = match Ledger::open(db) {
        Err(StoreError::AlreadyOpen(_)) => read_beside_window(db)?,
        other => other?,
    };
    ledger.set_actor(Actor::CommandLine);
    Ok(ledger)
}

/// Reads a private copy of a ledger another program has open; tries a few times.
fn read_beside_window(db: &Path) -> Result<Ledger, CliError> {
    const ATTEMPTS: u64 = 5;
    let mut attempt = 0;
    loop {
        attempt += 1;
        match Ledger::open_read_only(db) {
            Ok(ledger) => {
                log::info!("台账已在窗口中打开，读取其副本 {}", db.display());
                return Ok(ledger);
            }
            Err(StoreError::Corrupt { .. }) if attempt < ATTEMPTS => {
                std::thread::sleep(std::time::Duration::from_millis(100 * attempt));
            }
            Err(_) => return Err(StoreError::AlreadyOpen(db.to_path_buf()).into()),
        }
    }
}

/// Reads `--records`: a count from 0 to a million.
fn records(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if n <= 1_000_000 => Ok(n),
        _ => Err("份数应为 0 到 1000000 之间的整数".into()),
    }
}

/// Writes lines to stdout; a closed pipe (as with `| head`) quietly ends the output.
fn print_lines<I: IntoIterator<Item = String>>(lines: I) -> Result<(), CliError> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result =
        lines.into_iter().try_for_each(|line| writeln!(out, "{line}")).and_then(|()| out.flush());
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(CliError::Output),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn arguments_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn db_may_come_before_or_after_the_command() {
        let cli = Cli::try_parse_from(["gl", "--db", "a.redb", "search", "金岭"]).unwrap();
        assert_eq!(cli.db.as_deref(), Some(Path::new("a.redb")));
        let cli = Cli::try_parse_from(["gl", "export", "register", "--out", "x.csv", "--db", "b"])
            .unwrap();
        assert_eq!(cli.db.as_deref(), Some(Path::new("b")));
        assert!(matches!(cli.command, Some(Command::Export { .. })));
        assert!(Cli::try_parse_from(["gl"]).unwrap().command.is_none());
    }

    #[test]
    fn help_is_in_chinese() {
        let help = Cli::command().render_help().to_string();
        assert!(
            help.contains("用法") && help.contains("命令") && help.contains("显示帮助"),
            "{help}"
        );
    }
}
