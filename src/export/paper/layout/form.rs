//! The two-column form of attachment 1: a label and a value per row, bordered, each row as
//! many grid lines high as its text needs, split across pages when it must.

use super::super::FormRow;
use super::super::linebreak::{Line, break_lines, width};
use super::{BORDER_PT, Face, Grid, Rule, fit, mm, to_f32, to_u32};

impl Grid {
    /// A two-column bordered form; rows grow with their text and split across pages.
    pub(super) fn form(&mut self, label_chars: u32, rows: &[FormRow]) {
        let label_chars = label_chars.clamp(1, self.spec.chars.saturating_sub(3).max(1));
        let left = self.spec.left_mm;
        let right = left + self.spec.text_width_mm;
        let split = left + to_f32(label_chars + 1) * self.cell;
        let value_half_cells = fit(right - split - self.cell, self.cell);
        for row in rows {
            let label = balanced(row.label.trim(), label_chars * 2);
            let value = break_lines(&row.value, value_half_cells, value_half_cells);
            let least = usize::try_from(row.min_lines.min(self.spec.lines)).unwrap_or(1);
            let n = label.len().max(value.len()).max(least);
            let mut done = 0;
            while done < n {
                let room =
                    usize::try_from(self.spec.lines - self.line.min(self.spec.lines)).unwrap_or(0);
                // A short row moves whole to the next page; a long one splits, but never
                // leaves a single line behind. A fresh page always takes what it can.
                let fresh = self.line == 0;
                if !fresh && (room == 0 || (done == 0 && room < n && (n <= 3 || room < 2))) {
                    self.new_page();
                    continue;
                }
                let take = room.min(n - done);
                self.form_part(&label, &value, done, take, [left, split, right]);
                done += take;
            }
        }
    }

    /// Lines `from .. from + take` of one form row, with the borders around them.
    fn form_part(&mut self, label: &[Line], value: &[Line], from: usize, take: usize, x: [f32; 3]) {
        let [left, split, right] = x;
        let first = self.line;
        let top = self.line_top(first);
        let bottom = self.line_top(first + u32::try_from(take).unwrap_or(0));
        let label_at = if from == 0 { take.saturating_sub(label.len()) / 2 } else { usize::MAX };
        for i in 0..take {
            if let Some(line) = i.checked_sub(label_at).and_then(|j| label.get(j)) {
                let w = mm(line.half_cells, self.cell);
                let x = f32::midpoint(left, split) - w / 2.0;
                self.put_at(first + to_u32(i), &line.text, x, Face::FangSong);
            }
            if let Some(line) = value.get(from + i) {
                self.put_at(first + to_u32(i), &line.text, split + self.cell / 2.0, Face::FangSong);
            }
        }
        let rule = |x1, y1, x2, y2| Rule {
            x1_mm: x1,
            y1_mm: y1,
            x2_mm: x2,
            y2_mm: y2,
            width_pt: BORDER_PT,
        };
        let page = self.page();
        page.rules.push(rule(left, top, right, top));
        page.rules.push(rule(left, bottom, right, bottom));
        for x in [left, split, right] {
            page.rules.push(rule(x, top, x, bottom));
        }
        self.line = first + to_u32(take);
    }
}

/// Lines of at most `max` half cells, as even as the fewest lines allow: a label of eight
/// characters in a column of six prints as four and four (指导内容 / （事项）).
fn balanced(text: &str, max: u32) -> Vec<Line> {
    let greedy = break_lines(text, max, max);
    let n = u32::try_from(greedy.len()).unwrap_or(u32::MAX);
    if n < 2 {
        return greedy;
    }
    let even = width(text).div_ceil(n).next_multiple_of(2);
    (even..max)
        .map(|w| break_lines(text, w, w))
        .find(|lines| lines.len() == greedy.len())
        .unwrap_or(greedy)
}
