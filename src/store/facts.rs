//! Writing and reading each posting's roles, levels and pay (migration
//! 0006): the `posting_roles` and `posting_levels` rows, the pay columns,
//! and the masks copied onto `posting_skills` for fast population series.

use anyhow::Result;
use rusqlite::{Connection, params};

use crate::extract::facts::Facts;
use crate::extract::pay::Pay;

/// Replaces a posting's roles, levels and pay (its skills are written
/// after, and copy the masks).
pub(crate) fn write_facts(conn: &Connection, posting_id: i64, facts: &Facts) -> Result<()> {
    conn.prepare_cached("DELETE FROM posting_roles WHERE posting_id = ?1")?.execute([posting_id])?;
    conn.prepare_cached("DELETE FROM posting_levels WHERE posting_id = ?1")?.execute([posting_id])?;
    let mut role = conn.prepare_cached("INSERT INTO posting_roles (posting_id, role) VALUES (?1, ?2)")?;
    for r in &facts.roles {
        role.execute(params![posting_id, r.as_str()])?;
    }
    let mut level = conn.prepare_cached("INSERT INTO posting_levels (posting_id, level) VALUES (?1, ?2)")?;
    for l in &facts.levels {
        level.execute(params![posting_id, l.as_str()])?;
    }
    let pay = facts.pay.as_ref();
    let annual = pay.map(Pay::annual);
    conn.prepare_cached(
        "UPDATE postings SET role_mask = ?2, level_mask = ?3, pay_min = ?4, pay_max = ?5, pay_currency = ?6,
                pay_period = ?7, pay_annual_min = ?8, pay_annual_max = ?9
         WHERE id = ?1",
    )?
    .execute(params![
        posting_id,
        facts.role_mask(),
        facts.level_mask(),
        pay.map(|p| p.min),
        pay.map(|p| p.max),
        pay.map(|p| p.currency.as_str()),
        pay.map(|p| p.period.as_str()),
        annual.map(|a| a.0),
        annual.map(|a| a.1),
    ])?;
    Ok(())
}

/// How many postings to classify per transaction when filling facts in.
const FILL_BATCH: usize = 2000;

/// Classifies every posting not classified yet (a database from before
/// migration 0006), from its stored title, text and raw payload: no fetch.
/// Returns how many were filled in.
pub(crate) fn fill_missing(conn: &mut Connection) -> Result<u64> {
    let mut filled = 0;
    loop {
        let batch = unclassified(conn, FILL_BATCH)?;
        if batch.is_empty() {
            return Ok(filled);
        }
        let tx = conn.transaction()?;
        for (id, title, description, format, raw) in &batch {
            write_facts(&tx, *id, &crate::sources::posting_facts(format, raw, title.as_deref(), description))?;
        }
        tx.commit()?;
        filled += batch.len() as u64;
    }
}

type Unclassified = (i64, Option<String>, String, String, String);

fn unclassified(conn: &Connection, limit: usize) -> Result<Vec<Unclassified>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.title, p.description, coalesce(r.format, ''), coalesce(r.payload, '')
         FROM postings AS p LEFT JOIN posting_raw AS r ON r.posting_id = p.id
         WHERE p.role_mask IS NULL ORDER BY p.id LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| {
        let (id, description): (i64, String) = (r.get(0)?, r.get(2)?);
        let payload = super::payload::decode_or_warn(r.get_ref(4)?, &description, id);
        Ok((id, r.get(1)?, description, r.get(3)?, payload))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether any posting is still unclassified.
pub(crate) fn any_missing(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM postings WHERE role_mask IS NULL)", [], |r| r.get(0))?)
}

/// What a posting's stored facts are, to compare with new ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactsKey {
    pub role_mask: Option<i64>,
    pub level_mask: i64,
    /// (min, max as bits, currency, period).
    pub pay: Option<(u64, u64, Option<String>, Option<String>)>,
}

impl FactsKey {
    /// The key of facts as they would be stored.
    pub fn of(facts: &Facts) -> FactsKey {
        FactsKey {
            role_mask: Some(facts.role_mask()),
            level_mask: facts.level_mask(),
            pay: facts.pay.as_ref().map(|p| {
                (p.min.to_bits(), p.max.to_bits(), Some(p.currency.clone()), Some(p.period.as_str().to_string()))
            }),
        }
    }
}

/// A stored posting's facts, as `explain` shows them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoredFacts {
    pub roles: Vec<String>,
    pub levels: Vec<String>,
    pub pay: Option<Pay>,
}

impl super::Store {
    /// The stored roles, levels and pay of one posting.
    pub fn posting_facts(&self, posting_id: i64) -> Result<StoredFacts> {
        let strings = |sql: &str| -> Result<Vec<String>> {
            let mut stmt = self.conn().prepare_cached(sql)?;
            let rows = stmt.query_map([posting_id], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let roles = strings("SELECT role FROM posting_roles WHERE posting_id = ?1 ORDER BY role")?;
        let levels = strings("SELECT level FROM posting_levels WHERE posting_id = ?1 ORDER BY level")?;
        let pay = self.conn().query_row(
            "SELECT pay_min, pay_max, pay_currency, pay_period FROM postings WHERE id = ?1",
            [posting_id],
            |r| {
                let (min, max, currency, period): (Option<f64>, Option<f64>, Option<String>, Option<String>) =
                    (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
                Ok(match (min, max, currency, period.and_then(|p| p.parse().ok())) {
                    (Some(min), Some(max), Some(currency), Some(period)) => Some(Pay { min, max, currency, period }),
                    _ => None,
                })
            },
        )?;
        Ok(StoredFacts { roles, levels, pay })
    }

    /// The stored role mask, level mask and pay of postings `first..=last`,
    /// by posting id, to tell which facts a re-extraction changes.
    pub fn facts_in_range(&self, first: i64, last: i64) -> Result<std::collections::HashMap<i64, FactsKey>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, role_mask, level_mask, pay_min, pay_max, pay_currency, pay_period
             FROM postings WHERE id BETWEEN ?1 AND ?2",
        )?;
        let rows = stmt.query_map(params![first, last], |r| {
            let key = FactsKey {
                role_mask: r.get(1)?,
                level_mask: r.get(2)?,
                pay: match (r.get::<_, Option<f64>>(3)?, r.get::<_, Option<f64>>(4)?) {
                    (Some(a), Some(b)) => Some((a.to_bits(), b.to_bits(), r.get(5)?, r.get(6)?)),
                    _ => None,
                },
            };
            Ok((r.get::<_, i64>(0)?, key))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces the facts of some postings, in one transaction (`reextract`).
    pub fn replace_facts(&mut self, changes: &[(i64, Facts)]) -> Result<()> {
        let tx = self.conn_mut().transaction()?;
        for (id, facts) in changes {
            write_facts(&tx, *id, facts)?;
        }
        tx.commit()?;
        Ok(())
    }
}
