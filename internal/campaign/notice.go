package campaign

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/notify"
	"safecampus/internal/sqldb"
)

// Notice is a mobilisation notice (动员通知) the campaign office publishes
// to chosen units and/or roles. Recipients are resolved to accounts when it
// is published and kept one row each, so who "should have read it" never
// shifts when people later move units or change roles.
type Notice struct {
	ID          int64
	SchoolID    int64
	CampaignID  int64 // 0: not tied to a campaign
	Title       string
	Body        string
	UnitIDs     []int64
	Roles       []auth.Role
	PublishedBy int64
	PublishedAt time.Time
	// Filled by reads.
	Recipients   int
	Acknowledged int
}

// Received is a notice as one recipient sees it.
type Received struct {
	Notice
	AcknowledgedAt *time.Time
}

// Recipient is one account a notice went to and whether it acknowledged.
type Recipient struct {
	AccountID      int64
	DisplayName    string
	UnitName       string
	AcknowledgedAt *time.Time
}

// NoticeRoles are the roles a notice may be addressed to (the school's own
// roles; system admins and authorities are not addressees).
var NoticeRoles = []auth.Role{auth.RolePrincipalLeader, auth.RoleSupervisor, auth.RoleUnitHead, auth.RoleGridLeader,
	auth.RoleGridMember, auth.RoleGuard, auth.RoleLabManager, auth.RoleStaff, auth.RoleSchoolAdmin}

// Publish stores a notice, resolves its recipients to the school's active
// accounts (members of the chosen units and their sub-units, the heads of
// those units, holders of the chosen roles) and drops one inbox message
// for all of them (notify, kind "notice"). No recipient: refused.
func (s *Service) Publish(ctx context.Context, a *auth.Actor, school int64, n Notice) (Notice, error) {
	if err := canManage(a, school); err != nil {
		return n, err
	}
	var f fieldErrs
	n.SchoolID = school
	n.Title = f.text("title", "通知标题", n.Title, true, 200)
	n.Body = f.text("body", "通知正文", n.Body, true, 20000)
	n.UnitIDs = uniqueIDs(n.UnitIDs)
	for _, r := range n.Roles {
		if !slices.Contains(NoticeRoles, r) {
			f.add("roles", "接收角色无效。")
			break
		}
	}
	if len(n.UnitIDs) == 0 && len(n.Roles) == 0 {
		f.add("units", "请至少选择一个接收部门或角色。")
	}
	if err := f.err("notice.invalid"); err != nil {
		return n, err
	}
	now := s.Now()
	var recipients []int64
	err := s.write(ctx, a, now, func(tx *sqldb.Tx) (audit.Record, error) {
		rec := audit.Record{SchoolID: school, Entity: "notice", Action: "notice.publish"}
		if n.CampaignID != 0 {
			if _, err := getCampaign(ctx, tx, school, n.CampaignID); err != nil {
				return rec, apperr.Fields("notice.invalid", []apperr.FieldError{{Field: "campaign_id", Message: "所选专项整治不存在。"}})
			}
		}
		if err := checkUnits(ctx, tx, school, n.UnitIDs); err != nil {
			return rec, apperr.Fields("notice.invalid", []apperr.FieldError{{Field: "units", Message: "所选部门不存在或不属于本校。"}})
		}
		var err error
		if recipients, err = resolveRecipients(ctx, tx, school, n.UnitIDs, n.Roles); err != nil {
			return rec, err
		}
		if len(recipients) == 0 {
			return rec, apperr.Fields("notice.invalid", []apperr.FieldError{{Field: "units", Message: "所选部门和角色下没有可接收通知的账号。"}})
		}
		n.PublishedBy, n.PublishedAt = a.AccountID, time.UnixMilli(now.UnixMilli()).UTC()
		if err := tx.QueryRowContext(ctx, `INSERT INTO notices (school_id, campaign_id, title, body, target_unit_ids, target_roles, published_by, published_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, school, nullID(n.CampaignID), n.Title, n.Body,
			joinIDs(n.UnitIDs), joinRoles(n.Roles), a.AccountID, now.UnixMilli()).Scan(&n.ID); err != nil {
			return rec, fmt.Errorf("insert notice: %w", err)
		}
		for _, acc := range recipients {
			if _, err := tx.ExecContext(ctx, `INSERT INTO notice_recipients (notice_id, school_id, account_id) VALUES ($1, $2, $3)`, n.ID, school, acc); err != nil {
				return rec, fmt.Errorf("notice recipient: %w", err)
			}
		}
		n.Recipients = len(recipients)
		if _, err := notify.Enqueue(ctx, tx, now, notify.Message{SchoolID: school, Kind: "notice", Title: "动员通知：" + n.Title,
			Body: n.Body, Link: "/notices/" + strconv.FormatInt(n.ID, 10), Recipients: recipients,
			DedupKey: "notice:" + strconv.FormatInt(n.ID, 10)}); err != nil {
			return rec, err
		}
		rec.EntityID = n.ID
		rec.After = map[string]any{"title": n.Title, "campaign_id": n.CampaignID, "unit_ids": n.UnitIDs, "roles": n.Roles, "recipients": recipients}
		return rec, nil
	})
	return n, err
}

// resolveRecipients lists the active accounts of school reached by units
// (with their sub-units; members and heads) or roles, sorted.
func resolveRecipients(ctx context.Context, q sqldb.Querier, school int64, units []int64, roles []auth.Role) ([]int64, error) {
	all, err := unitTree(ctx, q, school, units)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT a.id, COALESCE(p.unit_id, 0), COALESCE(a.person_id, 0) FROM accounts a
		LEFT JOIN people p ON p.id = a.person_id WHERE a.school_id = $1 AND NOT a.disabled`, school)
	if err != nil {
		return nil, fmt.Errorf("accounts: %w", err)
	}
	type acct struct{ id, unit, person int64 }
	var accts []acct
	for rows.Next() {
		var x acct
		if err := rows.Scan(&x.id, &x.unit, &x.person); err != nil {
			rows.Close()
			return nil, err
		}
		accts = append(accts, x)
	}
	rows.Close()
	heads, err := unitHeads(ctx, q, school, all)
	if err != nil {
		return nil, err
	}
	roleHolders, err := accountsWithRoles(ctx, q, school, roles)
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, x := range accts {
		if (x.unit != 0 && all[x.unit]) || (x.person != 0 && heads[x.person]) || roleHolders[x.id] {
			out = append(out, x.id)
		}
	}
	slices.Sort(out)
	return out, nil
}

// unitTree is the set of chosen units and all units below them.
func unitTree(ctx context.Context, q sqldb.Querier, school int64, chosen []int64) (map[int64]bool, error) {
	in := map[int64]bool{}
	for _, id := range chosen {
		in[id] = true
	}
	if len(chosen) == 0 {
		return in, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT id, COALESCE(parent_id, 0) FROM units WHERE school_id = $1`, school)
	if err != nil {
		return nil, fmt.Errorf("units: %w", err)
	}
	defer rows.Close()
	parent := map[int64]int64{}
	for rows.Next() {
		var id, p int64
		if err := rows.Scan(&id, &p); err != nil {
			return nil, err
		}
		parent[id] = p
	}
	for id := range parent {
		for p, hops := id, 0; p != 0 && hops < 64; p, hops = parent[p], hops+1 {
			if in[p] {
				in[id] = true
				break
			}
		}
	}
	return in, rows.Err()
}

func unitHeads(ctx context.Context, q sqldb.Querier, school int64, units map[int64]bool) (map[int64]bool, error) {
	heads := map[int64]bool{}
	rows, err := q.QueryContext(ctx, `SELECT id, head_person_id FROM units WHERE school_id = $1 AND head_person_id IS NOT NULL`, school)
	if err != nil {
		return nil, fmt.Errorf("unit heads: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, head int64
		if err := rows.Scan(&id, &head); err != nil {
			return nil, err
		}
		if units[id] {
			heads[head] = true
		}
	}
	return heads, rows.Err()
}

func accountsWithRoles(ctx context.Context, q sqldb.Querier, school int64, roles []auth.Role) (map[int64]bool, error) {
	out := map[int64]bool{}
	for _, r := range roles {
		rows, err := q.QueryContext(ctx, `SELECT account_id FROM role_grants WHERE school_id = $1 AND role = $2`, school, string(r))
		if err != nil {
			return nil, fmt.Errorf("role holders: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func joinIDs(ids []int64) string {
	var s []string
	for _, id := range ids {
		s = append(s, strconv.FormatInt(id, 10))
	}
	return strings.Join(s, ",")
}

func joinRoles(rs []auth.Role) string {
	var s []string
	for _, r := range rs {
		s = append(s, string(r))
	}
	return strings.Join(s, ",")
}
