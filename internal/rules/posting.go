package rules

import (
	"context"
	"slices"
	"strings"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

// Sources of a posting record.
const (
	SourceManual     = "manual"     // recorded by hand on the register page
	SourceInspection = "inspection" // an inspection answered a "rules on the wall" question
)

// PlaceStatus is one place where a rule version must be posted, with the
// latest check of it.
type PlaceStatus struct {
	RuleID     int64
	PlaceID    int64
	PlaceName  string // the place's path, e.g. "1号学生公寓 / 1层 / 101宿舍"
	PlaceType  string
	Explicit   bool   // chosen one by one (else required through its type)
	Checked    bool   // checked at least once
	Posted     bool   // the latest check found it on the wall
	VerifiedOn string // date of the latest check
	VerifiedBy string // account name of the latest check
	Source     string // manual | inspection
}

// Missing is a place where a rule in force must be posted and is not
// verified as posted: never checked, or last seen missing.
type Missing struct {
	RuleID        int64  `json:"rule_id"`
	RuleCode      string `json:"rule_code"`
	RuleTitle     string `json:"rule_title"`
	RuleVersion   int64  `json:"rule_version"`
	PlaceID       int64  `json:"place_id"`
	PlaceName     string `json:"place_name"`
	LastCheckedOn string `json:"last_checked_on"` // "" never checked
	SeenMissing   bool   `json:"seen_missing"`    // the latest check found it missing
}

// MissingPostings lists, for every rule in force of school, the places
// where its posting is not verified, by rule code and place.
func MissingPostings(ctx context.Context, q sqldb.Querier, school int64) ([]Missing, error) {
	st, err := postingStates(ctx, q, school)
	if err != nil {
		return nil, err
	}
	var out []Missing
	for _, r := range st.rules {
		for _, ps := range st.byRule[r.ID] {
			if ps.Posted {
				continue
			}
			out = append(out, Missing{RuleID: r.ID, RuleCode: r.Code, RuleTitle: r.Title, RuleVersion: r.Version,
				PlaceID: ps.PlaceID, PlaceName: ps.PlaceName, LastCheckedOn: ps.VerifiedOn, SeenMissing: ps.Checked})
		}
	}
	return out, nil
}

// RulePlaces returns where the rule version must be posted and what the
// latest check of each place found. A superseded version has none.
func (s *Service) RulePlaces(ctx context.Context, a *auth.Actor, school, ruleID int64) ([]PlaceStatus, error) {
	if err := require(a, auth.PermOrgView, school); err != nil {
		return nil, err
	}
	st, err := postingStates(ctx, s.DB.Read(), school)
	if err != nil {
		return nil, err
	}
	return st.byRule[ruleID], nil
}

// RecordPosting stores one check of rule ruleID on the wall at placeID
// inside tx: posted or seen missing, verified today (school time) by
// actorID. The rule must be in force and required at the place. Callers
// are a person on the register page (source manual) and an inspection
// (source inspection); the check is appended to the audit chain.
func RecordPosting(ctx context.Context, tx *sqldb.Tx, now time.Time, actorID, school, ruleID, placeID int64, posted bool, source string) error {
	if source != SourceManual && source != SourceInspection {
		return apperr.Invalidf("posting.source", "上墙检查的来源无效。")
	}
	r, err := findRule(ctx, tx, school, ruleID)
	if err != nil {
		return err
	}
	if !r.InForce() {
		return apperr.Invalidf("posting.superseded", "只能为现行有效的制度登记上墙情况。")
	}
	ids, err := requiredAt(ctx, tx, school, placeID)
	if err != nil {
		return err
	}
	if !slices.Contains(ids, ruleID) {
		return apperr.Fields("posting.place", []apperr.FieldError{{Field: "place_id", Message: "该场所不在此制度的上墙范围内。"}})
	}
	return insertPosting(ctx, tx, now, actorID, school, ruleID, placeID, posted, source)
}

func insertPosting(ctx context.Context, tx *sqldb.Tx, now time.Time, actorID, school, ruleID, placeID int64, posted bool, source string) error {
	day, err := today(ctx, tx, school, now)
	if err != nil {
		return err
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO rule_postings (school_id, rule_id, place_id, posted, verified_on, verified_at, actor_id, source)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, school, ruleID, placeID, posted, day, now.UnixMilli(), actorID, source).Scan(&id)
	if err != nil {
		return err
	}
	_, err = audit.Append(ctx, tx, now, audit.Record{SchoolID: school, ActorID: actorID, Action: "rule.posting", Entity: "rule_posting", EntityID: id,
		After: map[string]any{"rule_id": ruleID, "place_id": placeID, "posted": posted, "verified_on": day, "source": source}})
	return err
}

// IsPostingQuestion reports whether an inspection question asks whether
// rules are on the wall: a question of the RUL or LOG area whose text says
// 上墙 (built in: RUL-5.2 各类重要场所制度是否上墙, LOG-1.2 制度是否上墙).
func IsPostingQuestion(area, text string) bool {
	return (area == "RUL" || area == "LOG") && strings.Contains(text, "上墙")
}

// RecordInspectionPostings records, inside an inspection's transaction, the
// answer to a posting question at placeID for every rule in force required
// at exactly that place, and returns how many it recorded.
func RecordInspectionPostings(ctx context.Context, tx *sqldb.Tx, now time.Time, actorID, school, placeID int64, posted bool) (int, error) {
	ids, err := requiredAt(ctx, tx, school, placeID)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	for _, id := range ids {
		if err := insertPosting(ctx, tx, now, actorID, school, id, placeID, posted, SourceInspection); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// RecordPostingByHand is RecordPosting for a person on the register page.
func (s *Service) RecordPostingByHand(ctx context.Context, a *auth.Actor, school, ruleID, placeID int64, posted bool) error {
	if err := require(a, auth.PermRulesManage, school); err != nil {
		return err
	}
	now := s.Now()
	return s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		return RecordPosting(ctx, tx, now, a.AccountID, school, ruleID, placeID, posted, SourceManual)
	})
}
