package rules

import (
	"context"
	"slices"
	"strings"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// validateRule checks a version's own fields and its posting places.
func validateRule(ctx context.Context, q sqldb.Querier, school int64, r *Rule) error {
	var f fieldErrs
	r.Code = strings.ToUpper(f.text("code", "制度编号", r.Code, true, 32))
	r.Title = f.text("title", "制度名称", r.Title, true, 100)
	r.Summary = f.text("summary", "内容摘要", r.Summary, false, 1000)
	r.Body = f.text("body", "制度全文", r.Body, false, 20000)
	r.EffectiveOn = f.date("effective_on", "生效日期", r.EffectiveOn, true)
	if !slices.Contains(checklist.Areas, r.Area) {
		f.add("area", "请选择所属领域。")
	}
	var types []string
	for _, t := range r.PlaceTypes {
		t = strings.TrimSpace(t)
		if t == "" || slices.Contains(types, t) {
			continue
		}
		if org.PlaceType(t).Label() == t {
			f.add("place_types", "场所类型无效。")
			break
		}
		types = append(types, t)
	}
	r.PlaceTypes = types
	slices.Sort(r.PlaceIDs)
	r.PlaceIDs = slices.Compact(r.PlaceIDs)
	for _, pid := range r.PlaceIDs {
		if err := f.ref(ctx, q, "places", "places", "所选场所", school, pid); err != nil {
			return err
		}
		if len(f) > 0 && f[len(f)-1].Field == "places" {
			break
		}
	}
	return f.err("rule.invalid")
}

// auditView is what the audit log keeps of a rule version.
func (r Rule) auditView() map[string]any {
	return map[string]any{"code": r.Code, "title": r.Title, "area": string(r.Area), "version": r.Version,
		"effective_on": r.EffectiveOn, "status": r.Status, "supersedes_id": r.SupersedesID, "superseded_on": r.SupersededOn,
		"post_place_types": strings.Join(r.PlaceTypes, ","), "post_place_ids": r.PlaceIDs}
}

// CreateRule adds a new rule as version 1, in force. A code that exists
// already is refused: a new text of an existing rule is a revision.
func (s *Service) CreateRule(ctx context.Context, a *auth.Actor, school int64, r Rule) (Rule, error) {
	if err := require(a, auth.PermRulesManage, school); err != nil {
		return Rule{}, err
	}
	r.ID, r.SchoolID, r.Version, r.Status, r.SupersedesID, r.SupersededOn = 0, school, 1, StatusInForce, 0, ""
	now := s.Now()
	err := s.write(ctx, a, now, func(tx *sqldb.Tx) (audit.Record, error) {
		if err := validateRule(ctx, tx, school, &r); err != nil {
			return audit.Record{}, err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM safety_rules WHERE school_id = $1 AND code = $2`, school, r.Code).Scan(&n); err != nil {
			return audit.Record{}, err
		}
		if n > 0 {
			return audit.Record{}, apperr.Fields("rule.code_taken", []apperr.FieldError{{Field: "code", Message: "该编号的制度已存在；发布新版本请在该制度页面点击“修订”。"}})
		}
		if err := insertRule(ctx, tx, now.UnixMilli(), &r); err != nil {
			return audit.Record{}, err
		}
		return audit.Record{SchoolID: school, Action: "rule.create", Entity: "rule", EntityID: r.ID, After: r.auditView()}, nil
	})
	return r, err
}

func insertRule(ctx context.Context, tx *sqldb.Tx, at int64, r *Rule) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO safety_rules (school_id, code, title, area, version, effective_on, summary, body, status, supersedes_id, post_place_types, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
		r.SchoolID, r.Code, r.Title, string(r.Area), r.Version, r.EffectiveOn, r.Summary, r.Body, r.Status, nullID(r.SupersedesID),
		strings.Join(r.PlaceTypes, ","), at).Scan(&r.ID)
	if err != nil {
		return err
	}
	return setRulePlaces(ctx, tx, r)
}

func setRulePlaces(ctx context.Context, tx *sqldb.Tx, r *Rule) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM safety_rule_places WHERE rule_id = $1`, r.ID); err != nil {
		return err
	}
	for _, pid := range r.PlaceIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO safety_rule_places (school_id, rule_id, place_id) VALUES ($1, $2, $3)`, r.SchoolID, r.ID, pid); err != nil {
			return err
		}
	}
	return nil
}

// UpdateRule corrects the version in force (a typo, the places it must be
// posted at) without making a new version. Code and version stay; a
// superseded version is history and cannot change.
func (s *Service) UpdateRule(ctx context.Context, a *auth.Actor, school int64, r Rule) (Rule, error) {
	if err := require(a, auth.PermRulesManage, school); err != nil {
		return Rule{}, err
	}
	now := s.Now()
	err := s.write(ctx, a, now, func(tx *sqldb.Tx) (audit.Record, error) {
		old, err := findRule(ctx, tx, school, r.ID)
		if err != nil {
			return audit.Record{}, err
		}
		if !old.InForce() {
			return audit.Record{}, apperr.Invalidf("rule.superseded", "该版本已被新版本替代，不能再修改。")
		}
		r.SchoolID, r.Code, r.Version, r.Status, r.SupersedesID, r.SupersededOn = school, old.Code, old.Version, old.Status, old.SupersedesID, ""
		if err := validateRule(ctx, tx, school, &r); err != nil {
			return audit.Record{}, err
		}
		if old.SupersedesID != 0 {
			if err := checkAfterPrevious(ctx, tx, school, old.SupersedesID, r.EffectiveOn); err != nil {
				return audit.Record{}, err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE safety_rules SET title = $3, area = $4, effective_on = $5, summary = $6, body = $7, post_place_types = $8, updated_at = $9
			WHERE id = $1 AND school_id = $2`, r.ID, school, r.Title, string(r.Area), r.EffectiveOn, r.Summary, r.Body, strings.Join(r.PlaceTypes, ","), now.UnixMilli())
		if err != nil {
			return audit.Record{}, err
		}
		if err := setRulePlaces(ctx, tx, &r); err != nil {
			return audit.Record{}, err
		}
		if old.SupersedesID != 0 {
			// The previous version ends the day this one starts.
			if _, err := tx.ExecContext(ctx, `UPDATE safety_rules SET superseded_on = $3 WHERE id = $1 AND school_id = $2`, old.SupersedesID, school, r.EffectiveOn); err != nil {
				return audit.Record{}, err
			}
		}
		return audit.Record{SchoolID: school, Action: "rule.update", Entity: "rule", EntityID: r.ID, Before: old.auditView(), After: r.auditView()}, nil
	})
	return r, err
}

// checkAfterPrevious refuses an effective date not later than the one of
// the version it supersedes: versions follow each other in time.
func checkAfterPrevious(ctx context.Context, q sqldb.Querier, school, prevID int64, effective string) error {
	prev, err := findRule(ctx, q, school, prevID)
	if err != nil {
		return err
	}
	if effective <= prev.EffectiveOn {
		return apperr.Fields("rule.effective_order", []apperr.FieldError{{Field: "effective_on",
			Message: "新版本的生效日期必须晚于第" + itoa(int(prev.Version)) + "版的生效日期（" + prev.EffectiveOn + "）。"}})
	}
	return nil
}

// ReviseRule publishes a new version of the rule whose version in force is
// id: the new one is in force from its effective date and the old one is
// superseded on that date. Postings belong to a version — the new text must
// be posted again — so every required place starts as missing.
func (s *Service) ReviseRule(ctx context.Context, a *auth.Actor, school, id int64, r Rule) (Rule, error) {
	if err := require(a, auth.PermRulesManage, school); err != nil {
		return Rule{}, err
	}
	now := s.Now()
	err := s.write(ctx, a, now, func(tx *sqldb.Tx) (audit.Record, error) {
		old, err := findRule(ctx, tx, school, id)
		if err != nil {
			return audit.Record{}, err
		}
		if !old.InForce() {
			return audit.Record{}, apperr.Invalidf("rule.superseded", "该版本已被新版本替代；请修订现行版本。")
		}
		r.ID, r.SchoolID, r.Code, r.Version, r.Status, r.SupersedesID = 0, school, old.Code, old.Version+1, StatusInForce, old.ID
		if err := validateRule(ctx, tx, school, &r); err != nil {
			return audit.Record{}, err
		}
		if err := checkAfterPrevious(ctx, tx, school, old.ID, r.EffectiveOn); err != nil {
			return audit.Record{}, err
		}
		// Supersede first: the partial unique index allows one version in force.
		if _, err := tx.ExecContext(ctx, `UPDATE safety_rules SET status = 'superseded', superseded_on = $3, updated_at = $4 WHERE id = $1 AND school_id = $2`,
			old.ID, school, r.EffectiveOn, now.UnixMilli()); err != nil {
			return audit.Record{}, err
		}
		if err := insertRule(ctx, tx, now.UnixMilli(), &r); err != nil {
			return audit.Record{}, err
		}
		return audit.Record{SchoolID: school, Action: "rule.revise", Entity: "rule", EntityID: r.ID, Before: old.auditView(), After: r.auditView()}, nil
	})
	return r, err
}
