//! Made-up subjects of guidance: enterprises, cooperatives, individual businesses and
//! villagers, with valid 统一社会信用代码 where they have one.

use std::collections::HashSet;

use fastrand::Rng;

use crate::domain::credit_code::with_check_character;
use crate::domain::{Subject, SubjectKind};

use super::names::{self, Trade, pick};

/// Administrative division code of 临淄区, Zibo, where the town lies.
pub const REGION_CODE: &str = "370305";

/// Characters a credit code may use.
const CODE_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// A subject and the domains it is usually guided about.
pub struct Profile {
    pub subject: Subject,
    pub domains: &'static [&'static str],
}

/// The subjects of a demo ledger, by kind; a subject is usually guided more than once.
pub struct Pool {
    pub enterprises: Vec<Profile>,
    pub shops: Vec<Profile>,
    pub persons: Vec<Profile>,
}

impl Pool {
    /// About one enterprise per 40 records, one shop per 30 and one villager per 40.
    pub fn new(rng: &mut Rng, records: usize) -> Pool {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        let enterprises = (records / 40).clamp(20, 1500);
        let shops = (records / 30).clamp(20, 1400);
        let persons = (records / 40).clamp(15, 2500);
        Pool {
            enterprises: fill(enterprises, &mut names, || enterprise(rng, &mut codes)),
            shops: fill(shops, &mut names, || shop(rng, &mut codes)),
            persons: (0..persons).map(|_| person(rng)).collect(),
        }
    }

    /// A subject for one act of guidance: 40% enterprises, 40% shops, 20% villagers.
    pub fn pick(&self, rng: &mut Rng) -> &Profile {
        let list = match rng.u8(..10) {
            0..4 => &self.enterprises,
            4..8 => &self.shops,
            _ => &self.persons,
        };
        // Villagers are never fewer than 15; the other lists could in theory come out empty.
        let list = if list.is_empty() { &self.persons } else { list };
        &list[rng.usize(..list.len())]
    }
}

/// Makes up to `count` profiles with distinct names, giving up on a name after a few tries.
fn fill(
    count: usize,
    names: &mut HashSet<String>,
    mut make: impl FnMut() -> Option<Profile>,
) -> Vec<Profile> {
    let mut out = Vec::with_capacity(count);
    let mut tries = 0;
    while out.len() < count && tries < count * 20 {
        tries += 1;
        if let Some(profile) = make()
            && names.insert(profile.subject.name.clone())
        {
            out.push(profile);
        }
    }
    out
}

/// A new credit code: registration office 9 (市场监管), the kind, the region, nine
/// random characters and the check character.
fn credit_code(rng: &mut Rng, kind: char, codes: &mut HashSet<String>) -> Option<String> {
    let mut first = format!("9{kind}{REGION_CODE}MA");
    for _ in 0..7 {
        first.push(char::from(CODE_ALPHABET[rng.usize(..CODE_ALPHABET.len())]));
    }
    let code = with_check_character(&first)?;
    codes.insert(code.clone()).then_some(code)
}

fn enterprise(rng: &mut Rng, codes: &mut HashSet<String>) -> Option<Profile> {
    let trade_name = pick(rng, names::TRADE_NAMES);
    let (name, kind, domains) = if rng.u8(..10) == 0 {
        let what = if rng.bool() { "种植" } else { "养殖" };
        let name = format!("淄博金岭{trade_name}{what}专业合作社");
        (name, '3', &["农业农村", "生态环境"][..])
    } else {
        let Trade { words, domains } = pick(rng, names::ENTERPRISE_TRADES);
        let place = pick(rng, &["淄博", "淄博", "淄博金岭", "山东"]);
        let form = pick(rng, names::ENTERPRISE_FORMS);
        (format!("{place}{trade_name}{words}{form}"), '1', domains)
    };
    let code = credit_code(rng, kind, codes)?;
    let phone = if rng.bool() { names::landline(rng) } else { names::mobile(rng) };
    let subject = Subject {
        kind: SubjectKind::Enterprise,
        name,
        credit_code: code,
        contact: names::person(rng),
        phone,
        address: names::address(rng),
    };
    Some(Profile { subject, domains })
}

fn shop(rng: &mut Rng, codes: &mut HashSet<String>) -> Option<Profile> {
    let Trade { words, domains } = pick(rng, names::SHOP_TRADES);
    let owner = names::person(rng);
    let surname: String = owner.chars().take(1).collect();
    let word = match rng.u8(..3) {
        0 => format!("{surname}记"),
        1 => format!("老{surname}家"),
        _ => pick(rng, names::TRADE_NAMES).to_string(),
    };
    let code = credit_code(rng, '2', codes)?;
    let subject = Subject {
        kind: SubjectKind::IndividualBusiness,
        name: format!("金岭镇{word}{words}"),
        credit_code: code,
        contact: owner,
        phone: names::mobile(rng),
        address: names::address(rng),
    };
    Some(Profile { subject, domains })
}

fn person(rng: &mut Rng) -> Profile {
    let name = names::person(rng);
    let village = pick(rng, names::VILLAGES);
    let subject = Subject {
        kind: SubjectKind::NaturalPerson,
        contact: name.clone(),
        name,
        credit_code: String::new(),
        phone: names::mobile(rng),
        address: format!("金岭回族镇{village}{}号", rng.u32(1..200)),
    };
    Profile { subject, domains: names::PERSON_DOMAINS }
}
