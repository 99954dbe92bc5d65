package report

import (
	"context"
	"fmt"
	"time"

	"safecampus/internal/campaign"
	"safecampus/internal/notify"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// ReminderDays are the days before the report's due date on which the
// campaign office is reminded (0: the due day itself).
var ReminderDays = []int{7, 3, 1, 0}

// dueCampaign is a campaign whose report is due and not yet generated.
type dueCampaign struct {
	id, school               int64
	name, due, authority, tz string
}

// RemindDue reminds the campaign office (the school admins) of every
// campaign report due within a week for which no report was generated
// yet: an inbox message and the school's outbound channels, 7, 3 and 1
// days before the due date and on the day. A run that missed a day (the
// server was down) sends the nearest reminder still ahead of it, once:
// the DedupKey "report-due:<campaign>:<days>" makes every run after the
// first a no-op. It returns how many reminders it enqueued.
func RemindDue(ctx context.Context, db *sqldb.DB, now time.Time) (int, error) {
	rows, err := db.Read().QueryContext(ctx, `SELECT c.id, c.school_id, c.name, c.report_due_on, c.authority, s.timezone
		FROM campaigns c JOIN schools s ON s.id = c.school_id
		WHERE c.report_due_on <> '' AND s.active AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.campaign_id = c.id)
		ORDER BY c.id`)
	if err != nil {
		return 0, err
	}
	var due []dueCampaign
	for rows.Next() {
		var c dueCampaign
		if err := rows.Scan(&c.id, &c.school, &c.name, &c.due, &c.authority, &c.tz); err != nil {
			rows.Close()
			return 0, err
		}
		due = append(due, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	sent := 0
	for _, c := range due {
		today := campaign.Today(now, org.School{Timezone: c.tz}.Location())
		left := daysUntil(today, c.due)
		step, ok := reminderStep(left)
		if !ok {
			continue
		}
		err := db.Transact(ctx, func(tx *sqldb.Tx) error {
			office, err := officeAccounts(ctx, tx, c.school)
			if err != nil {
				return err
			}
			added, err := notify.Enqueue(ctx, tx, now, reminder(c, left, step, office))
			if added {
				sent++
			}
			return err
		})
		if err != nil {
			return sent, fmt.Errorf("report reminder for campaign %d: %w", c.id, err)
		}
	}
	return sent, nil
}

// reminderStep is the reminder due when the report is left days away:
// the smallest of ReminderDays not below it. Past the due date, or more
// than a week ahead, there is none.
func reminderStep(left int) (int, bool) {
	if left < 0 || left > ReminderDays[0] {
		return 0, false
	}
	step := ReminderDays[0]
	for _, d := range ReminderDays {
		if d >= left && d < step {
			step = d
		}
	}
	return step, true
}

func reminder(c dueCampaign, left, step int, office []int64) notify.Message {
	when := fmt.Sprintf("还有%d天到期", left)
	if left == 0 {
		when = "今天到期"
	}
	to := "上级主管部门"
	if c.authority != "" {
		to = c.authority
	}
	return notify.Message{
		SchoolID: c.school, Kind: "report-due", External: true, Recipients: office,
		Title: fmt.Sprintf("专项整治报告%s：%s", when, c.name),
		Body: fmt.Sprintf("“%s”的工作情况报告应于%s前报送%s，%s，系统中尚未生成报告。请在专项整治页面生成报告（PDF、Word），审核盖章后按时报送。",
			c.name, campaign.CNDate(c.due), to, when),
		Link:     fmt.Sprintf("/campaigns/%d", c.id),
		DedupKey: fmt.Sprintf("report-due:%d:%d", c.id, step),
	}
}

// officeAccounts are the active accounts of the campaign office (the
// school admins), as the hazard workflow's office notifications.
func officeAccounts(ctx context.Context, q sqldb.Querier, school int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT g.account_id FROM role_grants g JOIN accounts ac ON ac.id = g.account_id
		WHERE g.school_id = $1 AND g.role = 'school_admin' AND NOT ac.disabled ORDER BY g.account_id`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// daysUntil counts whole days from a to b ('YYYY-MM-DD'); negative when b
// is before a.
func daysUntil(a, b string) int {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return -1
	}
	return int(tb.Sub(ta).Hours() / 24)
}
