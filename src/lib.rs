//! guidance-ledger (行政指导台账): the records of administrative guidance kept by a
//! township judicial office, on one PC.

pub mod cli;
pub mod demo;
pub mod domain;
pub mod export;
pub mod import;
pub mod search;
pub mod store;
pub mod ui;
