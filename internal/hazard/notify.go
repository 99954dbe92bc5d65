package hazard

import (
	"fmt"
	"strconv"

	"safecampus/internal/notify"
)

// notify tells the people a step concerns, through the notification
// outbox inside the step's transaction. Major hazards also go to the
// school's outbound channels; everything else stays in the inbox.
func (c *change) notify(action Action, eventID int64) error {
	h := c.h
	var kind, title string
	var people, accounts []int64
	switch action {
	case ActAssign, ActReassign:
		kind, title = "assigned", "隐患整改交办："+h.Number
		people = append(people, h.ResponsibleID)
		if head, err := c.unitHead(); err != nil {
			return err
		} else if head != 0 {
			people = append(people, head)
		}
	case ActReturn:
		kind, title = "returned", "隐患整改被退回："+h.Number
		people = append(people, h.ResponsibleID, h.RectifiedByID)
	case ActSubmit:
		kind, title = "submitted", "隐患整改待验收："+h.Number
		if h.AcceptorID != 0 {
			people = append(people, h.AcceptorID)
		} else {
			ids, err := officeAccounts(c, h.SchoolID)
			if err != nil {
				return err
			}
			accounts = append(accounts, ids...)
		}
	case ActAccept:
		kind, title = "accepted", "隐患已验收销号："+h.Number
		people = append(people, h.ResponsibleID)
	case ActApproveExtension, ActRefuseExtension:
		kind, title = "extension", "延期申请"+map[bool]string{true: "已批准", false: "未批准"}[action == ActApproveExtension]+"："+h.Number
		if c.extension != nil {
			accounts = append(accounts, c.extension.RequestedBy)
		}
	case ActList:
		kind, title = "listed", "重大隐患挂牌督办："+h.Number
		people = append(people, h.ResponsibleID, h.SupervisorID)
	default:
		return nil
	}
	var keep []int64
	for _, p := range people {
		if p != 0 {
			keep = append(keep, p)
		}
	}
	if len(keep) > 0 {
		ids, err := notify.AccountsOfPeople(c.ctx, c.tx, h.SchoolID, keep)
		if err != nil {
			return err
		}
		accounts = append(accounts, ids...)
	}
	body := fmt.Sprintf("%s（%s）：%s", LevelLabel(h.Level), h.PlaceName, h.Description)
	if h.Deadline != "" && h.Open() {
		body += "。整改期限：" + h.Deadline
	}
	if c.note != "" {
		body += "。" + ActionLabel(action) + "说明：" + c.note
	}
	_, err := notify.Enqueue(c.ctx, c.tx, c.now, notify.Message{SchoolID: h.SchoolID, Kind: kind, Title: title, Body: body,
		Link: "/hazards/" + strconv.FormatInt(h.ID, 10), Recipients: accounts,
		DedupKey: "hazard:" + strconv.FormatInt(h.ID, 10) + ":" + strconv.FormatInt(eventID, 10), External: h.Major()})
	return err
}

// unitHead is the head of the owning unit (0 when none).
func (c *change) unitHead() (int64, error) {
	if c.h.UnitID == 0 {
		return 0, nil
	}
	var head int64
	err := c.tx.QueryRowContext(c.ctx, `SELECT COALESCE(head_person_id, 0) FROM units WHERE id = $1 AND school_id = $2`, c.h.UnitID, c.h.SchoolID).Scan(&head)
	return head, err
}

// officeAccounts are the active accounts of the campaign office of school.
func officeAccounts(c *change, school int64) ([]int64, error) {
	return ids(c.ctx, c.tx, `SELECT DISTINCT g.account_id FROM role_grants g JOIN accounts ac ON ac.id = g.account_id
		WHERE g.school_id = $1 AND g.role = 'school_admin' AND NOT ac.disabled ORDER BY g.account_id`, school)
}
