package hazard

import (
	"context"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Step is one workflow step as a form sends it. Which fields matter
// depends on Action (see the step functions in steps_*.go).
type Step struct {
	Action                            Action
	Version                           int64 // the version the actor saw; another one is a conflict
	Note, Reason                      string
	Level, Area, Category             string
	UnitID, ResponsibleID, AcceptorID int64
	SupervisorID                      int64
	Measures                          string
	FundsYuan                         int64
	Deadline, NewDeadline             string
	DuplicateOf                       int64
	PhotoIDs                          []int64 // the actor's pending photos (progress, submit)
	Plan                              *Plan
	ExtensionID                       int64 // the pending extension decided on (optional check)
}

// Apply takes one step on hazard id in its own transaction and returns
// the hazard as it is afterwards.
func (s *Service) Apply(ctx context.Context, a *auth.Actor, school, id int64, st Step) (*Hazard, error) {
	var out *Hazard
	err := s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = s.ApplyTx(ctx, tx, a, school, id, st)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ApplyTx is Apply inside the caller's transaction (the look-back's reopen,
// tests). On error the caller must roll back: nothing it wrote is valid.
//
// The order of checks decides which error a refused step gets: a hazard
// the actor may not see is not found; a stale version is a conflict; an
// actor holding none of the relations the table names for the action is
// forbidden; a major-only step on a general hazard is invalid; a step the
// current status does not allow is a conflict naming the status; then the
// guards and the form's fields.
func (s *Service) ApplyTx(ctx context.Context, tx *sqldb.Tx, a *auth.Actor, school, id int64, st Step) (*Hazard, error) {
	h, err := load(ctx, tx, school, id, forUpdate(tx))
	if err != nil {
		return nil, err
	}
	if ok, err := s.canSee(ctx, tx, a, h); err != nil {
		return nil, err
	} else if !ok {
		return nil, notFound()
	}
	if st.Version != h.Version {
		return nil, apperr.New(apperr.Conflict, "hazard.version", "记录已被他人修改，请刷新后重试。")
	}
	rule, ok := RuleFor(st.Action)
	fn := steps[st.Action]
	if !ok || fn == nil {
		return nil, apperr.Invalidf("hazard.action", "未知的操作。")
	}
	rels, err := s.Relations(ctx, tx, a, h)
	if err != nil {
		return nil, err
	}
	if !holdsAny(rule.Who, rels) {
		return nil, apperr.New(apperr.Forbidden, "hazard.forbidden", "您不能对该隐患执行「"+ActionLabel(st.Action)+"」。")
	}
	if rule.MajorOnly && !h.Major() {
		return nil, apperr.Invalidf("hazard.major_only", "「%s」只适用于重大隐患。", ActionLabel(st.Action))
	}
	if !fromAllowed(rule, h.Status) {
		return nil, apperr.New(apperr.Conflict, "hazard.state",
			"该隐患当前状态为「"+Label(h.Status)+"」，不能执行「"+ActionLabel(st.Action)+"」。")
	}
	loc, err := schoolLocation(ctx, tx, school)
	if err != nil {
		return nil, err
	}
	before := *h
	c := &change{s: s, ctx: ctx, tx: tx, a: a, now: s.Now(), loc: loc, rels: rels, before: &before, h: h, extra: map[string]any{}}
	if err := fn(c, st); err != nil {
		return nil, err
	}
	if rule.To != "" {
		h.Status = rule.To
	}
	if err := c.commit(st.Action); err != nil {
		return nil, err
	}
	return load(ctx, tx, school, id, "")
}

func holdsAny(who []Relation, rels map[Relation]bool) bool {
	for _, w := range who {
		if rels[w] {
			return true
		}
	}
	return false
}

func fromAllowed(r Rule, st Status) bool {
	for _, s := range r.From {
		if s == st {
			return true
		}
	}
	return false
}
