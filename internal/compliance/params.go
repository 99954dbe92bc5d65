package compliance

import (
	"context"
	"fmt"
	"maps"
	"sort"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Params returns every rule's parameters for school: the values the school
// set, the defaults for the rest. Stored values of parameters a rule no
// longer has are ignored.
func (s *Service) Params(ctx context.Context, q sqldb.Querier, school int64) (map[string]map[string]int64, error) {
	out := map[string]map[string]int64{}
	for _, r := range Rules() {
		out[r.ID] = map[string]int64{}
		for _, p := range r.Params {
			out[r.ID][p.Key] = p.Default
		}
	}
	rows, err := q.QueryContext(ctx, `SELECT rule, param, value FROM compliance_params WHERE school_id = $1`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var rule, key string
		var v int64
		if err := rows.Scan(&rule, &key, &v); err != nil {
			return nil, err
		}
		if m, ok := out[rule]; ok {
			if _, known := m[key]; known {
				m[key] = v
			}
		}
	}
	return out, rows.Err()
}

// SetParams stores values (parameter key → value) for one rule of school.
// Every value is checked against its range first; on any error nothing is
// stored. Keys not given keep their value. Only a real change is written
// and audited.
func (s *Service) SetParams(ctx context.Context, a *auth.Actor, school int64, rule string, values map[string]int64) error {
	if !MayManage(a, school) {
		return apperr.ForbiddenErr(string(auth.PermComplianceManage))
	}
	r, ok := FindRule(rule)
	if !ok {
		return apperr.NotFoundf("compliance.rule", "规则“%s”不存在。", rule)
	}
	if err := validateParams(r, values); err != nil {
		return err
	}
	now := s.Now()
	return s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		var exists int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schools WHERE id = $1`, school).Scan(&exists); err != nil {
			return err
		}
		if exists == 0 {
			return apperr.NotFoundf("school.not_found", "学校不存在。")
		}
		all, err := s.Params(ctx, tx, school)
		if err != nil {
			return err
		}
		before := all[r.ID]
		after := maps.Clone(before)
		keys := make([]string, 0, len(values))
		for k, v := range values {
			if before[k] != v {
				keys = append(keys, k)
				after[k] = v
			}
		}
		if len(keys) == 0 {
			return nil // nothing changed: nothing to record
		}
		sort.Strings(keys)
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `INSERT INTO compliance_params (school_id, rule, param, value, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
				ON CONFLICT (school_id, rule, param) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
				school, r.ID, k, after[k], a.AccountID, now.UnixMilli()); err != nil {
				return err
			}
		}
		_, err = audit.Append(ctx, tx, now, audit.Record{SchoolID: school, ActorID: a.AccountID, Action: "compliance.params", Entity: "compliance_rule",
			Before: map[string]any{"rule": r.ID, "params": before}, After: map[string]any{"rule": r.ID, "params": after}})
		return err
	})
}

// validateParams checks every value against its parameter's range, with a
// Chinese message per field (the form's field name is the key).
func validateParams(r Rule, values map[string]int64) error {
	var fe []apperr.FieldError
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := values[k]
		p, ok := r.Param(k)
		switch {
		case !ok:
			fe = append(fe, apperr.FieldError{Field: k, Message: fmt.Sprintf("规则“%s”没有参数“%s”。", r.Name, k)})
		case p.Unit == "%" && v > 100:
			fe = append(fe, apperr.FieldError{Field: k, Message: fmt.Sprintf("%s是百分比，不能超过 100%%。", p.Label)})
		case v < 0:
			fe = append(fe, apperr.FieldError{Field: k, Message: fmt.Sprintf("%s不能为负数。", p.Label)})
		case v < p.Min || v > p.Max:
			fe = append(fe, apperr.FieldError{Field: k, Message: fmt.Sprintf("%s应在 %d 至 %d %s之间。", p.Label, p.Min, p.Max, p.Unit)})
		}
	}
	if len(fe) > 0 {
		return apperr.Fields("compliance.params", fe)
	}
	return nil
}
