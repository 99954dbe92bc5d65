package compliance

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Service evaluates the rules and keeps their parameters.
type Service struct {
	DB  *sqldb.DB
	Now func() time.Time
}

// NewService returns the compliance service.
func NewService(db *sqldb.DB, now func() time.Time) *Service { return &Service{DB: db, Now: now} }

// MayView reports whether a may open the scorecard of school at all (unit
// heads see their units' rows).
func MayView(a *auth.Actor, school int64) bool {
	return auth.CanSomewhere(a, auth.PermComplianceView, school)
}

// MayManage reports whether a may set the rules' parameters.
func MayManage(a *auth.Actor, school int64) bool {
	return auth.Can(a, auth.PermComplianceManage, auth.SchoolScope(school))
}

// Evaluate runs every rule for one scope and period, in the order of
// Rules(). A rule not evaluated for the scope's kind answers na.
func (s *Service) Evaluate(ctx context.Context, a *auth.Actor, school int64, period string, sc Scope) ([]Result, error) {
	if !MayView(a, school) {
		return nil, apperr.ForbiddenErr(string(auth.PermComplianceView))
	}
	e, err := s.env(ctx, a, school, period)
	if err != nil {
		return nil, err
	}
	if err := e.checkScope(ctx, sc); err != nil {
		return nil, err
	}
	return e.evaluateAll(ctx, Rules(), sc)
}

// EvaluateRule runs one rule for one scope: the drill-down.
func (s *Service) EvaluateRule(ctx context.Context, a *auth.Actor, school int64, period, rule string, sc Scope) (Result, error) {
	if !MayView(a, school) {
		return Result{}, apperr.ForbiddenErr(string(auth.PermComplianceView))
	}
	r, ok := FindRule(rule)
	if !ok {
		return Result{}, apperr.NotFoundf("compliance.rule", "规则“%s”不存在。", rule)
	}
	e, err := s.env(ctx, a, school, period)
	if err != nil {
		return Result{}, err
	}
	if err := e.checkScope(ctx, sc); err != nil {
		return Result{}, err
	}
	res, err := e.evaluateAll(ctx, []Rule{r}, sc)
	if err != nil {
		return Result{}, err
	}
	return res[0], nil
}

// Scorecard evaluates every rule for the school (when the actor may see
// it whole) and for each active unit the actor may see, in tree order.
func (s *Service) Scorecard(ctx context.Context, a *auth.Actor, school int64, period string) (Scorecard, error) {
	if !MayView(a, school) {
		return Scorecard{}, apperr.ForbiddenErr(string(auth.PermComplianceView))
	}
	e, err := s.env(ctx, a, school, period)
	if err != nil {
		return Scorecard{}, err
	}
	rules := Rules()
	card := Scorecard{Period: e.Period, Rules: rules}
	add := func(sc Scope, label string, depth int) error {
		cells, err := e.evaluateAll(ctx, rules, sc)
		if err != nil {
			return err
		}
		card.Rows = append(card.Rows, ScoreRow{Scope: sc, Label: label, Depth: depth, Cells: cells})
		return nil
	}
	if auth.Can(a, auth.PermComplianceView, auth.SchoolScope(school)) {
		if err := add(SchoolWide, "全校", 0); err != nil {
			return Scorecard{}, err
		}
	}
	for _, id := range e.units.order {
		n := e.units.nodes[id]
		if !n.active || !auth.Can(a, auth.PermComplianceView, e.units.authScope(school, id)) {
			continue
		}
		if err := add(Scope{Kind: ScopeUnit, ID: id}, n.name, e.units.depth[id]); err != nil {
			return Scorecard{}, err
		}
	}
	return card, nil
}

// env loads what every rule reads once: the school's zone, parameters and
// units.
func (s *Service) env(ctx context.Context, a *auth.Actor, school int64, period string) (*Env, error) {
	per, err := ParsePeriod(period)
	if err != nil {
		return nil, err
	}
	q := s.DB.Read()
	var tz string
	err = q.QueryRowContext(ctx, `SELECT timezone FROM schools WHERE id = $1`, school).Scan(&tz)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFoundf("school.not_found", "学校不存在。")
	}
	if err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = time.FixedZone("CST", 8*3600)
	}
	now := s.Now()
	e := &Env{db: s.DB, Q: q, Dialect: s.DB.Dialect, School: school, Period: per, Today: now.In(loc).Format(time.DateOnly), Loc: loc, Now: now, Actor: a, cache: map[string]any{}}
	if e.params, err = s.Params(ctx, q, school); err != nil {
		return nil, err
	}
	if e.units, err = loadUnits(ctx, q, school); err != nil {
		return nil, err
	}
	return e, nil
}

// evaluateAll runs rules for sc and fills what every result carries.
func (e *Env) evaluateAll(ctx context.Context, rules []Rule, sc Scope) ([]Result, error) {
	out := make([]Result, 0, len(rules))
	for _, r := range rules {
		var res Result
		var err error
		switch {
		case !r.Applies(sc.Kind):
			res = Result{Status: StatusNA, Value: "—", Note: "该规则不按此类范围评估。"}
		case !e.started() && !r.later:
			res = Result{Status: StatusPending, Value: "—", Note: "周期尚未开始。"}
		default:
			if res, err = r.eval(ctx, e, sc); err != nil {
				return nil, err
			}
		}
		res.Rule, res.Scope = r.ID, sc
		if res.Target == "" {
			res.Target = r.Target(e.params[r.ID])
		}
		if res.Value == "" {
			res.Value = "—"
		}
		out = append(out, res)
	}
	return out, nil
}
