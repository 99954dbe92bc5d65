package rules

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Statuses of a policy item (制度建设问题, PLAN-3).
const (
	PolicyProposed = "proposed" // 已提出
	PolicyDrafting = "drafting" // 起草中
	PolicyAdopted  = "adopted"  // 已出台制度
	PolicyDropped  = "dropped"  // 已搁置
)

// PolicyStatuses lists the statuses in their order.
var PolicyStatuses = []string{PolicyProposed, PolicyDrafting, PolicyAdopted, PolicyDropped}

// PolicyStatusLabel is a status in Chinese.
func PolicyStatusLabel(s string) string {
	switch s {
	case PolicyProposed:
		return "已提出"
	case PolicyDrafting:
		return "起草中"
	case PolicyAdopted:
		return "已出台制度"
	case PolicyDropped:
		return "已搁置"
	}
	return s
}

// PolicyItem is a problem found during the campaign that needs a rule, and
// the work until one is adopted.
type PolicyItem struct {
	ID                  int64     `json:"id"`
	SchoolID            int64     `json:"school_id"`
	Title               string    `json:"title"`
	Problem             string    `json:"problem"`
	Measures            string    `json:"measures"` // proposed measures (措施建议)
	LeadUnitID          int64     `json:"lead_unit_id"`
	ResponsiblePersonID int64     `json:"responsible_person_id"`
	DueOn               string    `json:"due_on"`
	Status              string    `json:"status"`
	RuleID              int64     `json:"rule_id"`   // the rule adopted
	StatusOn            string    `json:"status_on"` // date of the latest status change
	CreatedAt           time.Time `json:"-"`
	UpdatedAt           time.Time `json:"-"`

	// Read-only, filled by queries.
	LeadUnitName    string `json:"-"`
	ResponsibleName string `json:"-"`
	RuleCode        string `json:"-"`
	RuleTitle       string `json:"-"`
}

// StatusLabel is the item's status in Chinese.
func (p PolicyItem) StatusLabel() string { return PolicyStatusLabel(p.Status) }

// Overdue reports whether the item is still open past its due date.
func (p PolicyItem) Overdue(today string) bool {
	return (p.Status == PolicyProposed || p.Status == PolicyDrafting) && p.DueOn != "" && p.DueOn < today
}

// PolicyEvent is one status change in an item's history.
type PolicyEvent struct {
	At        time.Time
	ActorName string
	From, To  string
	Note      string
}

// FromLabel and ToLabel name the statuses in Chinese.
func (e PolicyEvent) FromLabel() string { return PolicyStatusLabel(e.From) }
func (e PolicyEvent) ToLabel() string   { return PolicyStatusLabel(e.To) }

const policyCols = `p.id, p.school_id, p.title, p.problem, p.measures, p.lead_unit_id, p.responsible_person_id, p.due_on, p.status,
	COALESCE(p.rule_id, 0), p.status_on, p.created_at, p.updated_at, COALESCE(u.name, ''), COALESCE(pe.name, ''), COALESCE(r.code, ''), COALESCE(r.title, '')`

const policyFrom = ` FROM policy_items p LEFT JOIN units u ON u.id = p.lead_unit_id LEFT JOIN people pe ON pe.id = p.responsible_person_id
	LEFT JOIN safety_rules r ON r.id = p.rule_id`

func scanPolicy(s interface{ Scan(...any) error }) (PolicyItem, error) {
	var p PolicyItem
	var created, updated int64
	err := s.Scan(&p.ID, &p.SchoolID, &p.Title, &p.Problem, &p.Measures, &p.LeadUnitID, &p.ResponsiblePersonID, &p.DueOn, &p.Status,
		&p.RuleID, &p.StatusOn, &created, &updated, &p.LeadUnitName, &p.ResponsibleName, &p.RuleCode, &p.RuleTitle)
	p.CreatedAt, p.UpdatedAt = millis(created), millis(updated)
	return p, err
}

// ListPolicyItems returns the school's policy items, open ones first, or
// only those of status when it is set.
func (s *Service) ListPolicyItems(ctx context.Context, a *auth.Actor, school int64, status string) ([]PolicyItem, error) {
	if err := require(a, auth.PermOrgView, school); err != nil {
		return nil, err
	}
	query := `SELECT ` + policyCols + policyFrom + ` WHERE p.school_id = $1`
	args := []any{school}
	if status != "" {
		query += ` AND p.status = $2`
		args = append(args, status)
	}
	query += ` ORDER BY CASE p.status WHEN 'proposed' THEN 0 WHEN 'drafting' THEN 0 ELSE 1 END, p.due_on, p.id`
	rows, err := s.DB.Read().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PolicyItem
	for rows.Next() {
		p, err := scanPolicy(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// FindPolicyItem returns one item of the school.
func (s *Service) FindPolicyItem(ctx context.Context, a *auth.Actor, school, id int64) (PolicyItem, error) {
	if err := require(a, auth.PermOrgView, school); err != nil {
		return PolicyItem{}, err
	}
	return findPolicy(ctx, s.DB.Read(), school, id)
}

func findPolicy(ctx context.Context, q sqldb.Querier, school, id int64) (PolicyItem, error) {
	p, err := scanPolicy(q.QueryRowContext(ctx, `SELECT `+policyCols+policyFrom+` WHERE p.id = $1 AND p.school_id = $2`, id, school))
	if errors.Is(err, sql.ErrNoRows) {
		return PolicyItem{}, apperr.NotFoundf("policy.not_found", "制度建设事项不存在。")
	}
	return p, err
}

// PolicyHistory returns the item's status changes, oldest first.
func (s *Service) PolicyHistory(ctx context.Context, a *auth.Actor, school, id int64) ([]PolicyEvent, error) {
	if err := require(a, auth.PermOrgView, school); err != nil {
		return nil, err
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT e.at, COALESCE(a.display_name, ''), e.from_status, e.to_status, e.note
		FROM policy_item_events e LEFT JOIN accounts a ON a.id = e.actor_id WHERE e.school_id = $1 AND e.item_id = $2 ORDER BY e.at, e.id`, school, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PolicyEvent
	for rows.Next() {
		var e PolicyEvent
		var at int64
		if err := rows.Scan(&at, &e.ActorName, &e.From, &e.To, &e.Note); err != nil {
			return nil, err
		}
		e.At = millis(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

func addPolicyEvent(ctx context.Context, tx *sqldb.Tx, now time.Time, actor, school, item int64, from, to, note string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO policy_item_events (school_id, item_id, at, actor_id, from_status, to_status, note) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		school, item, now.UnixMilli(), actor, from, to, note)
	return err
}
