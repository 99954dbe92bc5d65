package rules

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/sqldb"
)

// Statuses of a rule version.
const (
	StatusInForce    = "in_force"   // 现行有效
	StatusSuperseded = "superseded" // 已被新版本替代
)

// Rule is one version of a safety rule (制度).
type Rule struct {
	ID           int64          `json:"id"`
	SchoolID     int64          `json:"school_id"`
	Code         string         `json:"code"`
	Title        string         `json:"title"`
	Area         checklist.Area `json:"area"`
	Version      int64          `json:"version"`
	EffectiveOn  string         `json:"effective_on"`
	Summary      string         `json:"summary"`
	Body         string         `json:"body"`
	Status       string         `json:"status"`
	SupersedesID int64          `json:"supersedes_id"`
	SupersededOn string         `json:"superseded_on"`
	PlaceTypes   []string       `json:"post_place_types"` // post at the innermost places of these types
	PlaceIDs     []int64        `json:"post_place_ids"`   // and at these places
	CreatedAt    time.Time      `json:"-"`
	UpdatedAt    time.Time      `json:"-"`

	// Read-only, filled by ListRules for versions in force.
	Required int `json:"-"` // places where it must be posted
	Missing  int `json:"-"` // of those, where posting is not verified
}

// InForce reports whether this is the version in force.
func (r Rule) InForce() bool { return r.Status == StatusInForce }

// StatusLabel is the version's status in Chinese as of today.
func (r Rule) StatusLabel(today string) string {
	switch {
	case r.Status == StatusSuperseded:
		return "已废止（被新版本替代）"
	case r.EffectiveOn > today:
		return "待生效"
	}
	return "现行有效"
}

// AreaLabel is the rule's area in Chinese.
func (r Rule) AreaLabel() string { return r.Area.Label() }

// RuleFilter narrows ListRules.
type RuleFilter struct {
	Area       checklist.Area
	Superseded bool // list superseded versions too
}

const ruleCols = `id, school_id, code, title, area, version, effective_on, summary, body, status, COALESCE(supersedes_id, 0), superseded_on, post_place_types, created_at, updated_at`

func scanRule(s interface{ Scan(...any) error }) (Rule, error) {
	var r Rule
	var types string
	var created, updated int64
	err := s.Scan(&r.ID, &r.SchoolID, &r.Code, &r.Title, &r.Area, &r.Version, &r.EffectiveOn, &r.Summary, &r.Body, &r.Status,
		&r.SupersedesID, &r.SupersededOn, &types, &created, &updated)
	r.PlaceTypes = splitTypes(types)
	r.CreatedAt, r.UpdatedAt = millis(created), millis(updated)
	return r, err
}

func splitTypes(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func queryRules(ctx context.Context, q sqldb.Querier, query string, args ...any) ([]Rule, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Rule
	for rows.Next() {
		r, err := scanRule(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ListRules returns the register: versions in force (and superseded ones
// when asked) by area and code, each in-force version with the number of
// places it must be posted at and where posting is missing.
func (s *Service) ListRules(ctx context.Context, a *auth.Actor, school int64, f RuleFilter) ([]Rule, error) {
	if err := require(a, auth.PermOrgView, school); err != nil {
		return nil, err
	}
	q := s.DB.Read()
	query := `SELECT ` + ruleCols + ` FROM safety_rules WHERE school_id = $1`
	args := []any{school}
	if !f.Superseded {
		query += ` AND status = 'in_force'`
	}
	if f.Area != "" {
		args = append(args, string(f.Area))
		query += ` AND area = $2`
	}
	list, err := queryRules(ctx, q, query+` ORDER BY code, version DESC`, args...)
	if err != nil {
		return nil, err
	}
	st, err := postingStates(ctx, q, school)
	if err != nil {
		return nil, err
	}
	for i := range list {
		for _, ps := range st.byRule[list[i].ID] {
			list[i].Required++
			if !ps.Posted {
				list[i].Missing++
			}
		}
	}
	slices.SortStableFunc(list, func(x, y Rule) int {
		return slices.Index(checklist.Areas, x.Area) - slices.Index(checklist.Areas, y.Area)
	})
	return list, nil
}

// FindRule returns one version with the places chosen for it.
func (s *Service) FindRule(ctx context.Context, a *auth.Actor, school, id int64) (Rule, error) {
	if err := require(a, auth.PermOrgView, school); err != nil {
		return Rule{}, err
	}
	return findRule(ctx, s.DB.Read(), school, id)
}

func findRule(ctx context.Context, q sqldb.Querier, school, id int64) (Rule, error) {
	r, err := scanRule(q.QueryRowContext(ctx, `SELECT `+ruleCols+` FROM safety_rules WHERE id = $1 AND school_id = $2`, id, school))
	if errors.Is(err, sql.ErrNoRows) {
		return Rule{}, apperr.NotFoundf("rule.not_found", "制度不存在。")
	}
	if err != nil {
		return Rule{}, err
	}
	rows, err := q.QueryContext(ctx, `SELECT place_id FROM safety_rule_places WHERE rule_id = $1 ORDER BY place_id`, id)
	if err != nil {
		return Rule{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var pid int64
		if err := rows.Scan(&pid); err != nil {
			return Rule{}, err
		}
		r.PlaceIDs = append(r.PlaceIDs, pid)
	}
	return r, rows.Err()
}

// RuleVersions returns every version of the rule code, newest first.
func (s *Service) RuleVersions(ctx context.Context, a *auth.Actor, school int64, code string) ([]Rule, error) {
	if err := require(a, auth.PermOrgView, school); err != nil {
		return nil, err
	}
	return queryRules(ctx, s.DB.Read(), `SELECT `+ruleCols+` FROM safety_rules WHERE school_id = $1 AND code = $2 ORDER BY version DESC`, school, code)
}

// Today is the school's date now, for status labels.
func (s *Service) Today(ctx context.Context, school int64) (string, error) {
	return today(ctx, s.DB.Read(), school, s.Now())
}

func itoa(n int) string { return strconv.Itoa(n) }
