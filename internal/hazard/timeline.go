package hazard

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Timeline entries that are not steps of the table.
const (
	EvReport   Action = "report"   // the hazard came to be (inspection, report, anonymous)
	EvOverdue  Action = "overdue"  // the deadline passed (scheduler)
	EvEscalate Action = "escalate" // one step up the escalation ladder (scheduler)
	EvRecheck  Action = "recheck"  // a look-back re-check's result (internal/lookback)
)

// Event is one entry of a hazard's timeline.
type Event struct {
	ID             int64
	At             time.Time
	ActorAccountID int64
	ActorName      string
	Action         Action
	From, To       Status
	Note           string
	Data           map[string]any
}

// ActionLabel, FromLabel and ToLabel are for templates.
func (e Event) ActionLabel() string { return ActionLabel(e.Action) }
func (e Event) FromLabel() string   { return Label(e.From) }
func (e Event) ToLabel() string     { return Label(e.To) }

// NewEvent is a timeline entry to append.
type NewEvent struct {
	SchoolID, HazardID int64
	At                 time.Time
	ActorAccountID     int64 // 0: anonymous or the scheduler
	ActorName          string
	Action             Action
	From, To           Status
	Note               string
	Data               map[string]any
}

// AppendEvent writes one timeline entry inside tx and returns its id. The
// escalation sweep uses it for its "overdue" and "escalate" entries.
func AppendEvent(ctx context.Context, tx *sqldb.Tx, e NewEvent) (int64, error) {
	data := ""
	if len(e.Data) > 0 {
		b, err := audit.Canonical(e.Data)
		if err != nil {
			return 0, err
		}
		data = string(b)
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO hazard_events (school_id, hazard_id, at, actor_account_id, actor_name, action, from_status, to_status, note, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		e.SchoolID, e.HazardID, e.At.UnixMilli(), nullID(e.ActorAccountID), e.ActorName, string(e.Action), string(e.From), string(e.To), e.Note, data).Scan(&id)
	return id, err
}

// Timeline returns every step of hazard id, oldest first, when a may see it.
func (s *Service) Timeline(ctx context.Context, a *auth.Actor, school, id int64) ([]Event, error) {
	q := s.DB.Read()
	if _, err := s.visibleHazard(ctx, q, a, school, id); err != nil {
		return nil, err
	}
	return events(ctx, q, school, id)
}

func events(ctx context.Context, q sqldb.Querier, school, id int64) ([]Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, at, COALESCE(actor_account_id, 0), actor_name, action, from_status, to_status, note, data
		FROM hazard_events WHERE hazard_id = $1 AND school_id = $2 ORDER BY id`, id, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var at int64
		var action, from, to, data string
		if err := rows.Scan(&e.ID, &at, &e.ActorAccountID, &e.ActorName, &action, &from, &to, &e.Note, &data); err != nil {
			return nil, err
		}
		e.At, e.Action, e.From, e.To = time.UnixMilli(at), Action(action), Status(from), Status(to)
		if data != "" {
			if err := json.Unmarshal([]byte(data), &e.Data); err != nil {
				return nil, err
			}
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// lastActor is the account that last took action on the hazard (0 if none).
func lastActor(ctx context.Context, q sqldb.Querier, hazard int64, action Action) (int64, error) {
	var acc sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT actor_account_id FROM hazard_events WHERE hazard_id = $1 AND action = $2 ORDER BY id DESC LIMIT 1`,
		hazard, string(action)).Scan(&acc)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return acc.Int64, err
}
