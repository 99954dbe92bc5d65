package inspection

import (
	"context"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/rules"
	"safecampus/internal/sqldb"
)

// recordPostings turns the answers to "rules on the wall" questions
// (rules.IsPostingQuestion: RUL-5.2, LOG-1.2) at the inspected place into
// posting checks of every rule in force required at that place: all such
// answers pass = posted, any fails = seen missing, only n/a = nothing. An
// inspection without a place checks no wall. See
// docs/decisions/0016-rules-register.md.
func recordPostings(ctx context.Context, tx *sqldb.Tx, a *auth.Actor, school int64, p *prepared, now time.Time) error {
	if p.PlaceID == 0 {
		return nil
	}
	seen, posted := false, true
	for _, an := range p.Answers {
		qu := p.questions[an.QuestionCode]
		if !rules.IsPostingQuestion(string(qu.Item.Area), qu.Text) {
			continue
		}
		switch an.Result {
		case ResultPass:
			seen = true
		case ResultFail:
			seen, posted = true, false
		}
	}
	if !seen {
		return nil
	}
	_, err := rules.RecordInspectionPostings(ctx, tx, now, a.AccountID, school, p.PlaceID, posted)
	return err
}
