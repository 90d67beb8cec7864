//! 「请选择当前操作人员」: asked at start, before the tabs, and again from the status bar.
//! Lists the active officers and the office's reviewers; a reviewer's name can be added here.

use eframe::egui::{self, RichText, Ui};

use super::command::Command;
use super::theme;
use crate::domain::Actor;
use crate::search::data::LedgerData;

/// The choice being made; `selected` starts as the last person chosen.
pub struct ActorPicker {
    selected: Option<Actor>,
    new_reviewer: String,
}

impl ActorPicker {
    pub fn new(default: Option<Actor>) -> Self {
        Self { selected: default, new_reviewer: String::new() }
    }

    /// Draws the choice; pushes [`Command::ChooseActor`] when confirmed.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        data: &LedgerData,
        reviewers: &[String],
        commands: &mut Vec<Command>,
    ) {
        ui.vertical_centered(|ui| {
            ui.add_space(40.0);
            ui.heading("请选择当前操作人员");
            ui.label(
                RichText::new("本次所做的每一处修改都会记下操作人员和时间。").color(theme::MUTED),
            );
            ui.add_space(16.0);
        });
        let candidates = candidates(data, reviewers);
        egui::Grid::new("actor_choices").num_columns(2).spacing([24.0, 8.0]).show(ui, |ui| {
            ui.label(RichText::new("指导人员").color(theme::MUTED));
            ui.horizontal_wrapped(|ui| {
                for actor in candidates.iter().filter(|a| matches!(a, Actor::Officer { .. })) {
                    self.choice(ui, actor);
                }
                if data.officers.iter().all(|o| !o.active) {
                    ui.label(RichText::new("（尚未登记指导人员）").color(theme::MUTED));
                }
            });
            ui.end_row();
            ui.label(RichText::new("司法所审查人员").color(theme::MUTED));
            ui.horizontal_wrapped(|ui| {
                for actor in candidates.iter().filter(|a| matches!(a, Actor::Reviewer { .. })) {
                    self.choice(ui, actor);
                }
                let label = ui.label("添加审查人员");
                ui.add(egui::TextEdit::singleline(&mut self.new_reviewer).desired_width(120.0))
                    .labelled_by(label.id);
                let name = self.new_reviewer.trim().to_string();
                let fresh = !name.is_empty() && !reviewers.contains(&name) && !data.read_only;
                if ui.add_enabled(fresh, egui::Button::new("添加")).clicked() {
                    let mut names = reviewers.to_vec();
                    names.push(name.clone());
                    commands.push(Command::SaveReviewers(names));
                    self.selected = Some(Actor::Reviewer { name });
                    self.new_reviewer.clear();
                }
            });
            ui.end_row();
        });
        ui.add_space(16.0);
        ui.vertical_centered(|ui| {
            let chosen = self.selected.clone().filter(|a| candidates.contains(a));
            let text =
                chosen.as_ref().map_or("开始工作".into(), |a| format!("以“{a}”身份开始工作"));
            let button = egui::Button::new(RichText::new(text).size(17.0));
            if ui.add_enabled(chosen.is_some(), button).clicked()
                && let Some(actor) = chosen
            {
                commands.push(Command::ChooseActor(actor));
            }
        });
    }

    fn choice(&mut self, ui: &mut Ui, actor: &Actor) {
        let shown = match actor {
            Actor::Reviewer { name } => name.clone(),
            other => other.label(),
        };
        let selected = self.selected.as_ref() == Some(actor);
        if ui.selectable_label(selected, RichText::new(shown).size(16.0)).clicked() {
            self.selected = Some(actor.clone());
        }
    }
}

/// Who can be chosen: active officers, then the reviewers.
fn candidates(data: &LedgerData, reviewers: &[String]) -> Vec<Actor> {
    let officers = data.officers.iter().filter(|o| o.active);
    let officers = officers.map(|o| Actor::Officer { id: o.id, name: o.name.clone() });
    officers.chain(reviewers.iter().map(|name| Actor::Reviewer { name: name.clone() })).collect()
}
