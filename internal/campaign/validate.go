package campaign

import (
	"strings"
	"unicode/utf8"

	"safecampus/internal/apperr"
)

// fieldErrs collects form field errors.
type fieldErrs []apperr.FieldError

func (f *fieldErrs) add(field, msg string) {
	*f = append(*f, apperr.FieldError{Field: field, Message: msg})
}

func (f fieldErrs) err(code string) error {
	if len(f) == 0 {
		return nil
	}
	return apperr.Fields(code, f)
}

// text trims v and checks it is present (when required) and not too long.
func (f *fieldErrs) text(field, label, v string, required bool, max int) string {
	v = strings.TrimSpace(v)
	if required && v == "" {
		f.add(field, "请填写"+label+"。")
	} else if utf8.RuneCountInString(v) > max {
		f.add(field, label+"过长。")
	}
	return v
}

// date checks a 'YYYY-MM-DD' field.
func (f *fieldErrs) date(field, label, v string, required bool) string {
	v = strings.TrimSpace(v)
	if v == "" {
		if required {
			f.add(field, "请填写"+label+"。")
		}
		return v
	}
	if _, ok := parseDate(v); !ok {
		f.add(field, label+"应为日期，例如 2026-03-31。")
	}
	return v
}

// cleanCampaign trims and checks a campaign's own fields.
func cleanCampaign(c Campaign) (Campaign, error) {
	var f fieldErrs
	c.Name = f.text("name", "专项整治名称", c.Name, true, 200)
	c.DocNo = f.text("doc_no", "文号", c.DocNo, false, 100)
	c.Authority = f.text("authority", "报送单位", c.Authority, false, 100)
	c.Description = f.text("description", "说明", c.Description, false, 4000)
	c.Note = f.text("note", "备注", c.Note, false, 2000)
	c.StartsOn = f.date("starts_on", "开始日期", c.StartsOn, true)
	c.EndsOn = f.date("ends_on", "结束日期", c.EndsOn, true)
	c.ReportDueOn = f.date("report_due_on", "报告报送期限", c.ReportDueOn, false)
	if err := f.err("campaign.invalid"); err != nil {
		return c, err
	}
	if c.EndsOn < c.StartsOn {
		f.add("ends_on", "结束日期（"+CNDate(c.EndsOn)+"）早于开始日期（"+CNDate(c.StartsOn)+"）。")
	}
	return c, f.err("campaign.invalid")
}

// CheckPhase validates p against its campaign c and the campaign's other
// phases (p itself, by id, is skipped). Refused, in this order: an end
// before the start; an overlap with another phase (the message names both
// phases and their dates; dates are whole days, so a phase may start the
// day after another ends, not on it); a phase outside the campaign's dates.
func CheckPhase(c Campaign, others []Phase, p Phase) (Phase, error) {
	var f fieldErrs
	p.Name = f.text("name", "阶段名称", p.Name, true, 100)
	p.Description = f.text("description", "阶段说明", p.Description, false, 4000)
	p.Note = f.text("note", "备注", p.Note, false, 2000)
	p.StartsOn = f.date("starts_on", "开始日期", p.StartsOn, true)
	p.EndsOn = f.date("ends_on", "结束日期", p.EndsOn, true)
	if err := f.err("phase.invalid"); err != nil {
		return p, err
	}
	if p.EndsOn < p.StartsOn {
		return p, apperr.Invalidf("phase.reversed", "阶段“%s”的结束日期（%s）早于开始日期（%s），请检查。", p.Name, CNDate(p.EndsOn), CNDate(p.StartsOn))
	}
	for _, o := range others {
		if o.ID == p.ID && p.ID != 0 {
			continue
		}
		if p.StartsOn <= o.EndsOn && o.StartsOn <= p.EndsOn {
			return p, apperr.Invalidf("phase.overlap", "阶段“%s”（%s）与阶段“%s”（%s）时间重叠，同一专项整治的各阶段不能重叠。",
				p.Name, cnRange(p.StartsOn, p.EndsOn), o.Name, cnRange(o.StartsOn, o.EndsOn))
		}
	}
	if p.StartsOn < c.StartsOn || p.EndsOn > c.EndsOn {
		return p, apperr.Invalidf("phase.outside", "阶段“%s”（%s）超出专项整治“%s”的起止日期（%s）。",
			p.Name, cnRange(p.StartsOn, p.EndsOn), c.Name, cnRange(c.StartsOn, c.EndsOn))
	}
	return p, nil
}

// CheckMilestone validates m against its campaign c: its due date (and
// start, when given) must lie within the campaign's dates.
func CheckMilestone(c Campaign, m Milestone) (Milestone, error) {
	var f fieldErrs
	m.Name = f.text("name", "时间节点名称", m.Name, true, 200)
	m.Deliverables = f.text("deliverables", "要求完成的事项", m.Deliverables, false, 4000)
	m.StartsOn = f.date("starts_on", "开始日期", m.StartsOn, false)
	m.DueOn = f.date("due_on", "截止日期", m.DueOn, true)
	if err := f.err("milestone.invalid"); err != nil {
		return m, err
	}
	if m.StartsOn != "" && m.StartsOn > m.DueOn {
		return m, apperr.Invalidf("milestone.reversed", "时间节点“%s”的开始日期（%s）晚于截止日期（%s）。", m.Name, CNDate(m.StartsOn), CNDate(m.DueOn))
	}
	for _, d := range []struct{ label, v string }{{"开始日期", m.StartsOn}, {"截止日期", m.DueOn}} {
		if d.v != "" && (d.v < c.StartsOn || d.v > c.EndsOn) {
			return m, apperr.Invalidf("milestone.outside", "时间节点“%s”的%s（%s）不在专项整治“%s”的起止日期（%s）内。",
				m.Name, d.label, CNDate(d.v), c.Name, cnRange(c.StartsOn, c.EndsOn))
		}
	}
	return m, nil
}

// checkCampaignHolds refuses new campaign dates that would leave one of its
// phases or milestones outside them.
func checkCampaignHolds(c Campaign, phases []Phase, ms []Milestone) error {
	for _, p := range phases {
		if _, err := CheckPhase(c, phases, p); err != nil {
			return err
		}
	}
	for _, m := range ms {
		if _, err := CheckMilestone(c, m); err != nil {
			return err
		}
	}
	return nil
}
