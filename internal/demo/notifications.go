package demo

import (
	"time"

	"safecampus/internal/notify"
	"safecampus/internal/sqldb"
)

// demoNotices are inbox messages of the campaign office's account, from
// the notice's own concerns (fire safety in dormitories, the power room,
// the campaign's milestones), so the inbox and its badge are not empty.
var demoNotices = []struct {
	ago   time.Duration
	kind  string
	title string
	body  string
	link  string
	read  bool
}{
	{72 * time.Hour, "notice", "校园安全专项整治工作已启动", "学习动员阶段：请各部门于本月底前完成安全隐患自查并建立问题清单、整改清单。", "/", true},
	{26 * time.Hour, "overdue", "隐患整改即将逾期：学生宿舍私拉乱接电线", "学生宿舍3号楼发现私拉乱接电线、使用大功率电器，整改期限为明天。", "/ledger", false},
	{3 * time.Hour, "escalation", "督办提醒：配电房未配备绝缘地毯", "配电房绝缘地毯、防鼠板未配备，整改已逾期，已上报分管领导。", "/ledger", false},
}

// loadNotifications puts demoNotices into the office account's inbox
// through notify.Enqueue, as the hazard workflow does.
func (l *loader) loadNotifications() {
	if l.err != nil {
		return
	}
	office, err := l.demoActor("office")
	if err != nil {
		l.err = err
		return
	}
	now := l.org.Now()
	l.err = l.org.DB.Transact(l.ctx, func(tx *sqldb.Tx) error {
		for i, n := range demoNotices {
			at := now.Add(-n.ago)
			if _, err := notify.Enqueue(l.ctx, tx, at, notify.Message{SchoolID: l.school, Kind: n.kind, Title: n.title, Body: n.body, Link: n.link,
				Recipients: []int64{office.AccountID}, DedupKey: "demo:" + string(rune('a'+i))}); err != nil {
				return err
			}
			if n.read {
				if _, err := tx.ExecContext(l.ctx, `UPDATE notify_inbox SET read_at = $1 WHERE account_id = $2 AND read_at = 0`, at.UnixMilli(), office.AccountID); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
