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

// MeetingKinds are the kinds of safety meeting, with their Chinese names.
var MeetingKinds = []struct{ Code, Label string }{
	{"regular", "安全工作例会"},
	{"special", "安全专题会议"},
	{"leading_group", "领导小组会议"},
	{"mobilisation", "动员部署会"},
}

// MeetingKindLabel is a kind's Chinese name.
func MeetingKindLabel(k string) string {
	for _, x := range MeetingKinds {
		if x.Code == k {
			return x.Label
		}
	}
	return k
}

// Meeting is a safety meeting (RUL-3): scheduled, then held with its
// attendees, minutes, situation analysis and decisions.
type Meeting struct {
	ID            int64     `json:"id"`
	SchoolID      int64     `json:"school_id"`
	Kind          string    `json:"kind"`
	Title         string    `json:"title"`
	ScheduledOn   string    `json:"scheduled_on"`
	HeldOn        string    `json:"held_on"` // "" until held
	Location      string    `json:"location"`
	ChairPersonID int64     `json:"chair_person_id"`
	Situation     string    `json:"situation"` // 形势分析
	Minutes       string    `json:"minutes"`
	AttendeeIDs   []int64   `json:"attendee_ids"`
	CreatedAt     time.Time `json:"-"`
	UpdatedAt     time.Time `json:"-"`

	// Read-only, filled by queries.
	ChairName     string       `json:"-"`
	Attendees     []PersonName `json:"-"`
	Decisions     []Decision   `json:"-"`
	DecisionCount int          `json:"-"`
}

// PersonName is an attendee.
type PersonName struct {
	ID   int64
	Name string
}

// Held reports whether the meeting took place.
func (m Meeting) Held() bool { return m.HeldOn != "" }

// KindLabel is the kind in Chinese.
func (m Meeting) KindLabel() string { return MeetingKindLabel(m.Kind) }

// StatusLabel is 已召开, 待召开 or 逾期未召开 as of today.
func (m Meeting) StatusLabel(today string) string {
	switch {
	case m.Held():
		return "已召开"
	case m.ScheduledOn < today:
		return "逾期未召开"
	}
	return "待召开"
}

const meetingCols = `m.id, m.school_id, m.kind, m.title, m.scheduled_on, m.held_on, m.location, COALESCE(m.chair_person_id, 0), m.situation, m.minutes,
	m.created_at, m.updated_at, COALESCE(p.name, ''), (SELECT COUNT(*) FROM meeting_decisions d WHERE d.meeting_id = m.id)`

const meetingFrom = ` FROM safety_meetings m LEFT JOIN people p ON p.id = m.chair_person_id`

func scanMeeting(s interface{ Scan(...any) error }) (Meeting, error) {
	var m Meeting
	var created, updated int64
	err := s.Scan(&m.ID, &m.SchoolID, &m.Kind, &m.Title, &m.ScheduledOn, &m.HeldOn, &m.Location, &m.ChairPersonID, &m.Situation, &m.Minutes,
		&created, &updated, &m.ChairName, &m.DecisionCount)
	m.CreatedAt, m.UpdatedAt = millis(created), millis(updated)
	return m, err
}

// ListMeetings returns the school's meetings, the most recent first (by
// the date held, else scheduled).
func (s *Service) ListMeetings(ctx context.Context, a *auth.Actor, school int64) ([]Meeting, error) {
	if err := require(a, auth.PermOrgView, school); err != nil {
		return nil, err
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT `+meetingCols+meetingFrom+` WHERE m.school_id = $1
		ORDER BY CASE WHEN m.held_on = '' THEN m.scheduled_on ELSE m.held_on END DESC, m.id DESC`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Meeting
	for rows.Next() {
		m, err := scanMeeting(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// FindMeeting returns one meeting with its attendees and decisions.
func (s *Service) FindMeeting(ctx context.Context, a *auth.Actor, school, id int64) (Meeting, error) {
	if err := require(a, auth.PermOrgView, school); err != nil {
		return Meeting{}, err
	}
	return findMeeting(ctx, s.DB.Read(), school, id)
}

func findMeeting(ctx context.Context, q sqldb.Querier, school, id int64) (Meeting, error) {
	m, err := scanMeeting(q.QueryRowContext(ctx, `SELECT `+meetingCols+meetingFrom+` WHERE m.id = $1 AND m.school_id = $2`, id, school))
	if errors.Is(err, sql.ErrNoRows) {
		return Meeting{}, apperr.NotFoundf("meeting.not_found", "会议不存在。")
	}
	if err != nil {
		return Meeting{}, err
	}
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.name FROM safety_meeting_attendees ma JOIN people p ON p.id = ma.person_id
		WHERE ma.meeting_id = $1 ORDER BY p.unit_id, p.id`, id)
	if err != nil {
		return Meeting{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var p PersonName
		if err := rows.Scan(&p.ID, &p.Name); err != nil {
			return Meeting{}, err
		}
		m.Attendees = append(m.Attendees, p)
		m.AttendeeIDs = append(m.AttendeeIDs, p.ID)
	}
	if err := rows.Err(); err != nil {
		return Meeting{}, err
	}
	m.Decisions, err = meetingDecisions(ctx, q, school, id)
	return m, err
}
