//! The office's follow-through on the demo's most recent records: a published no-penalty
//! list, follow-up visits (made, due and overdue) and 劝导警示 registrations with their
//! commitments and re-checks, so the to-do window and a record's window have something to
//! show. Saved through the same store calls as the window, so each leaves its audit entry.

use chrono::{Days, NaiveDate, NaiveDateTime};
use fastrand::Rng;

use crate::domain::follow_up::{FollowUp, Satisfaction, Visit, VisitMethod};
use crate::domain::warning::{
    Commitment, Recheck, RecheckResult, ViolationWindow, WarningCase, earlier_violations,
};
use crate::domain::{CatalogueItem, Guidance, Method, NoPenaltyEntry, RecordId};
use crate::store::{Ledger, StoreError};

/// Most follow-ups the demo plans; each is its own transaction, as in the window.
const MAX_FOLLOW_UPS: usize = 240;
/// Most 劝导警示 registrations the demo makes.
const MAX_WARNINGS: usize = 120;
/// How far back (days) records get a follow-up or a registration.
const RECENT_DAYS: u64 = 150;

/// What [`fill_workflow`] added.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WorkflowCounts {
    pub no_penalty: usize,
    pub follow_ups: usize,
    pub visits: usize,
    pub warnings: usize,
}

/// (执法领域, 违法行为, 法律依据, 不予处罚条件, 实施主体); the fields are the catalogue's.
const LIST: [(&str, &str, &str, &str, &str); 8] = [
    (
        "市场监管",
        "未按规定在经营场所醒目位置公示营业执照",
        "《市场主体登记管理条例》第三十六条、第五十条",
        "首次被发现，在责令改正期限内改正",
        "县市场监督管理局",
    ),
    (
        "市场监管",
        "广告中使用“最佳”“最高级”等绝对化用语，影响范围小",
        "《中华人民共和国广告法》第九条、第五十七条",
        "首次违法，及时撤下或改正广告，未造成危害后果",
        "县市场监督管理局",
    ),
    (
        "安全生产",
        "生产经营单位未在有较大危险因素的场所设置明显的安全警示标志",
        "《中华人民共和国安全生产法》第三十五条、第九十九条",
        "首次违法，危害后果轻微并及时改正",
        "县应急管理局",
    ),
    (
        "安全生产",
        "未如实记录安全生产教育和培训情况",
        "《中华人民共和国安全生产法》第二十八条、第九十七条",
        "首次违法，在责令改正期限内补记",
        "县应急管理局",
    ),
    (
        "消防",
        "占用、堵塞、封闭疏散通道、安全出口",
        "《中华人民共和国消防法》第二十八条、第六十条",
        "首次违法，当场改正，未造成危害后果",
        "县消防救援大队",
    ),
    (
        "综合执法",
        "店外经营、占道经营",
        "《城市市容和环境卫生管理条例》第十四条、第三十四条",
        "首次违法，经劝导当场改正",
        "镇综合行政执法办公室",
    ),
    (
        "综合执法",
        "擅自在街道两侧和公共场地堆放物料",
        "《城市市容和环境卫生管理条例》第十七条、第三十六条",
        "首次违法，在规定期限内清理完毕",
        "镇综合行政执法办公室",
    ),
    (
        "综合执法",
        "露天焚烧秸秆、落叶等产生烟尘污染的物质",
        "《中华人民共和国大气污染防治法》第七十七条、第一百一十九条",
        "首次违法，面积较小，及时熄灭未造成危害后果",
        "镇综合行政执法办公室",
    ),
];

/// Adds the list, then follow-ups and registrations for records of the last
/// [`RECENT_DAYS`] days before `now`, newest first, spread over those days up to the limits.
/// Everything is saved at `now`, as a clerk bringing the ledger up to date would.
///
/// # Errors
/// The first store error; what was saved before it stays.
pub fn fill_workflow(
    ledger: &Ledger,
    rng: &mut Rng,
    now: NaiveDateTime,
) -> Result<WorkflowCounts, StoreError> {
    let mut counts = WorkflowCounts::default();
    let (today, saved_at) = (now.date(), now);
    let entries = ledger.batch(|batch| {
        let mut saved = Vec::new();
        for (n, (domain, violation, basis, conditions, implementer)) in LIST.iter().enumerate() {
            let entry = NoPenaltyEntry {
                serial: u32::try_from(n + 1).unwrap_or(u32::MAX),
                domain: (*domain).into(),
                violation: (*violation).into(),
                basis: (*basis).into(),
                conditions: (*conditions).into(),
                implementer: (*implementer).into(),
                ..NoPenaltyEntry::default()
            };
            saved.push(batch.save_no_penalty(&entry, saved_at)?);
        }
        Ok(saved)
    })?;
    counts.no_penalty = entries.len();

    let snapshot = ledger.snapshot()?;
    let (all, catalogue) = (snapshot.guidance, snapshot.catalogue);
    let since = today.checked_sub_days(Days::new(RECENT_DAYS)).unwrap_or(today);
    let recent: Vec<&Guidance> =
        all.iter().rev().filter(|g| g.voided.is_none() && g.details.time.date() >= since).collect();
    // One record in three gets a visit, fewer in a large ledger, so the visits reach back
    // over the whole period rather than stopping at the limit after a few days.
    let visit_chance = share(MAX_FOLLOW_UPS, recent.len(), 35);
    let warnings = recent.iter().filter(|g| g.details.method == Method::Warning).count();
    let warning_chance = share(MAX_WARNINGS, warnings, 100);
    for record in &recent {
        if counts.follow_ups < MAX_FOLLOW_UPS && rng.u32(..100) < visit_chance {
            let made = follow_up(ledger, rng, record, today, saved_at)?;
            counts.follow_ups += 1;
            counts.visits += usize::from(made);
        }
        if record.details.method == Method::Warning
            && counts.warnings < MAX_WARNINGS
            && rng.u32(..100) < warning_chance
        {
            let earlier = earlier_violations(record, &all, ViolationWindow::default());
            let item = record.details.item.and_then(|id| catalogue.iter().find(|i| i.id == id));
            let entry = item.and_then(|item| entry_for(item, &entries, rng));
            let case = warning_case(rng, record, &earlier, entry, today, saved_at);
            ledger.save_warning_case(&case)?;
            counts.warnings += 1;
        }
    }
    Ok(counts)
}

/// Percent chance that spreads `limit` picks over `candidates`, at most `most`.
fn share(limit: usize, candidates: usize, most: u32) -> u32 {
    let fitting = limit.saturating_mul(100) / candidates.max(1);
    u32::try_from(fitting).unwrap_or(u32::MAX).clamp(1, most)
}

/// Plans a visit 30 days after `record`; one whose day has passed is mostly made, by an
/// officer other than the handler when there is one. Returns whether it was made.
fn follow_up(
    ledger: &Ledger,
    rng: &mut Rng,
    record: &Guidance,
    today: NaiveDate,
    saved_at: NaiveDateTime,
) -> Result<bool, StoreError> {
    let planned = ledger.save_follow_up(&FollowUp::plan(record, saved_at))?;
    // Most visits more than two weeks past were made; fewer of the latest ones yet.
    let long_past = planned.planned.checked_add_days(Days::new(14)).is_some_and(|d| d < today);
    let unmade = if long_past { 8 } else { 60 };
    if planned.planned >= today || rng.u8(..100) < unmade {
        return Ok(false);
    }
    let handler = record.details.officers.first().copied().unwrap_or_default();
    // Officers are saved first with ids from 1; one other than the handler visits.
    let visitor = if handler == 1 { 2 } else { 1 };
    let date = planned.planned.checked_add_days(Days::new(rng.u64(0..4))).unwrap_or(today);
    let more = rng.u8(..100) < 10;
    let visit = Visit {
        date: date.min(today),
        method: VisitMethod::ALL[rng.usize(..VisitMethod::ALL.len())],
        visitors: vec![visitor],
        correction: if more {
            "部分整改，仍需跟进"
        } else {
            "已按指导意见整改到位"
        }
        .into(),
        satisfaction: if rng.u8(..100) < 85 {
            Satisfaction::Satisfied
        } else {
            Satisfaction::MostlySatisfied
        },
        more_guidance: more,
        notes: String::new(),
    };
    ledger.save_follow_up(&FollowUp { visit: Some(visit), ..planned })?;
    Ok(true)
}

/// The entry of `item`'s domain whose 违法行为 shares two characters running with the item's
/// name (占道, 疏散, 广告 …); any of its domain failing that; none for a domain not listed.
fn entry_for(item: &CatalogueItem, entries: &[NoPenaltyEntry], rng: &mut Rng) -> Option<RecordId> {
    let same: Vec<&NoPenaltyEntry> = entries.iter().filter(|e| e.domain == item.domain).collect();
    let name: Vec<char> = item.name.chars().collect();
    let shares = |e: &&&NoPenaltyEntry| {
        name.windows(2).any(|pair| e.violation.contains(&pair.iter().collect::<String>()))
    };
    same.iter().find(shares).or_else(|| same.get(rng.usize(..same.len().max(1)))).map(|e| e.id)
}

fn warning_case(
    rng: &mut Rng,
    record: &Guidance,
    earlier: &[&Guidance],
    entry: Option<RecordId>,
    today: NaiveDate,
    saved_at: NaiveDateTime,
) -> WarningCase {
    let signed = record.details.time.date();
    let deadline = signed.checked_add_days(Days::new(rng.u64(3..=15))).unwrap_or(signed);
    let recheck = (deadline < today && rng.u8(..100) < 85).then(|| {
        let corrected = rng.u8(..100) < 92;
        Recheck {
            date: deadline
                .checked_add_days(Days::new(rng.u64(0..3)))
                .unwrap_or(deadline)
                .min(today),
            result: if corrected { RecheckResult::Corrected } else { RecheckResult::NotCorrected },
            note: String::new(),
        }
    });
    WarningCase {
        guidance: record.id,
        entry,
        first_violation: earlier.is_empty(),
        earlier: earlier.iter().map(|g| g.id).collect(),
        commitment: Some(Commitment {
            content: "在整改期限内改正违法行为，今后自觉遵守相关规定".into(),
            signed,
            deadline,
        }),
        recheck,
        updated_at: saved_at,
    }
}
