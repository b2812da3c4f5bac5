//! Parquet files for `export --format parquet`: a table of typed columns
//! (integers, reals, booleans, text, days and lists of text) buffered a row
//! group at a time and written with the pure-Rust `parquet` crate, Snappy
//! compressed, so DuckDB, Polars, Spark and pandas read it as it is.

use std::io::Write;
use std::sync::Arc;

use anyhow::{Context, Result};
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
use parquet::schema::parser::parse_message_type;

/// Rows buffered before a row group is written (bounds the memory used).
const ROW_GROUP_ROWS: usize = 50_000;

/// The values of one column, a row group at a time.
#[derive(Debug, Clone)]
pub enum Values {
    Int(Vec<Option<i64>>),
    Real(Vec<Option<f64>>),
    Bool(Vec<Option<bool>>),
    Text(Vec<Option<String>>),
    /// Days since 1970-01-01 (Parquet's DATE).
    Date(Vec<Option<i32>>),
    /// A list of text per row (empty when there is none, never null).
    List(Vec<Vec<String>>),
}

/// One row's value of one column.
#[derive(Debug, Clone)]
pub enum Cell {
    Int(Option<i64>),
    Real(Option<f64>),
    Bool(Option<bool>),
    Text(Option<String>),
    Date(Option<i32>),
    List(Vec<String>),
}

/// One column: its name, whether a value is always there, and its values.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
    pub values: Values,
}

impl Column {
    /// A column of the kind `values` is (pass an empty vector).
    pub fn new(name: &'static str, required: bool, values: Values) -> Self {
        Column { name, required, values }
    }

    /// The column's line in a Parquet message type.
    fn schema_line(&self) -> String {
        let rep = if self.required { "REQUIRED" } else { "OPTIONAL" };
        let name = self.name;
        match self.values {
            Values::Int(_) => format!("{rep} INT64 {name};"),
            Values::Real(_) => format!("{rep} DOUBLE {name};"),
            Values::Bool(_) => format!("{rep} BOOLEAN {name};"),
            Values::Text(_) => format!("{rep} BYTE_ARRAY {name} (UTF8);"),
            Values::Date(_) => format!("{rep} INT32 {name} (DATE);"),
            Values::List(_) => {
                format!(
                    "REQUIRED group {name} (LIST) {{ REPEATED group list {{ REQUIRED BYTE_ARRAY element (UTF8); }} }}"
                )
            }
        }
    }

    fn len(&self) -> usize {
        match &self.values {
            Values::Int(v) => v.len(),
            Values::Real(v) => v.len(),
            Values::Bool(v) => v.len(),
            Values::Text(v) => v.len(),
            Values::Date(v) => v.len(),
            Values::List(v) => v.len(),
        }
    }

    fn clear(&mut self) {
        match &mut self.values {
            Values::Int(v) => v.clear(),
            Values::Real(v) => v.clear(),
            Values::Bool(v) => v.clear(),
            Values::Text(v) => v.clear(),
            Values::Date(v) => v.clear(),
            Values::List(v) => v.clear(),
        }
    }
}

/// The present values of a column and the definition levels of its rows
/// (1: a value, 0: null; none at all for a required column).
fn levels<T: Clone, U>(values: &[Option<T>], required: bool, map: impl Fn(&T) -> U) -> (Vec<U>, Option<Vec<i16>>) {
    let present = values.iter().flatten().map(map).collect();
    let defs = (!required).then(|| values.iter().map(|v| i16::from(v.is_some())).collect());
    (present, defs)
}

/// Writes one column's buffered values into the row group's column writer.
fn write_column(column: &Column, writer: &mut SerializedColumnWriter<'_>) -> Result<()> {
    let req = column.required;
    match &column.values {
        Values::Int(v) => {
            let (vals, defs) = levels(v, req, |x| *x);
            writer.typed::<Int64Type>().write_batch(&vals, defs.as_deref(), None)?;
        }
        Values::Real(v) => {
            let (vals, defs) = levels(v, req, |x| *x);
            writer.typed::<DoubleType>().write_batch(&vals, defs.as_deref(), None)?;
        }
        Values::Bool(v) => {
            let (vals, defs) = levels(v, req, |x| *x);
            writer.typed::<BoolType>().write_batch(&vals, defs.as_deref(), None)?;
        }
        Values::Date(v) => {
            let (vals, defs) = levels(v, req, |x| *x);
            writer.typed::<Int32Type>().write_batch(&vals, defs.as_deref(), None)?;
        }
        Values::Text(v) => {
            let (vals, defs) = levels(v, req, |s| ByteArray::from(s.as_str()));
            writer.typed::<ByteArrayType>().write_batch(&vals, defs.as_deref(), None)?;
        }
        Values::List(rows) => {
            let (mut vals, mut defs, mut reps) = (Vec::new(), Vec::new(), Vec::new());
            for row in rows {
                if row.is_empty() {
                    defs.push(0);
                    reps.push(0);
                }
                for (i, item) in row.iter().enumerate() {
                    vals.push(ByteArray::from(item.as_str()));
                    defs.push(1);
                    reps.push(i16::from(i > 0));
                }
            }
            writer.typed::<ByteArrayType>().write_batch(&vals, Some(&defs), Some(&reps))?;
        }
    }
    Ok(())
}

/// A Parquet file being written a row at a time ([`ParquetTable::push_row`]).
pub struct ParquetTable<W: Write + Send> {
    columns: Vec<Column>,
    writer: SerializedFileWriter<W>,
    rows: u64,
}

impl<W: Write + Send> ParquetTable<W> {
    /// A file of these columns (their vectors empty) named `message`.
    pub fn new(out: W, message: &str, columns: Vec<Column>) -> Result<Self> {
        let lines: Vec<String> = columns.iter().map(Column::schema_line).collect();
        let schema = parse_message_type(&format!("message {message} {{ {} }}", lines.join(" ")))
            .context("the Parquet schema")?;
        let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
        let writer = SerializedFileWriter::new(out, Arc::new(schema), Arc::new(props))?;
        Ok(ParquetTable { columns, writer, rows: 0 })
    }

    /// Adds one row, a cell per column in order; writes a row group when
    /// enough rows are buffered.
    pub fn push_row(&mut self, row: Vec<Cell>) -> Result<()> {
        anyhow::ensure!(
            row.len() == self.columns.len(),
            "a row of {} cells for {} columns",
            row.len(),
            self.columns.len()
        );
        for (column, cell) in self.columns.iter_mut().zip(row) {
            match (&mut column.values, cell) {
                (Values::Int(v), Cell::Int(x)) => v.push(x),
                (Values::Real(v), Cell::Real(x)) => v.push(x),
                (Values::Bool(v), Cell::Bool(x)) => v.push(x),
                (Values::Text(v), Cell::Text(x)) => v.push(x),
                (Values::Date(v), Cell::Date(x)) => v.push(x),
                (Values::List(v), Cell::List(x)) => v.push(x),
                _ => anyhow::bail!("a value of the wrong type for the Parquet column {}", column.name),
            }
        }
        self.rows += 1;
        if self.columns.first().map_or(0, Column::len) >= ROW_GROUP_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the buffered rows as one row group.
    fn flush(&mut self) -> Result<()> {
        if self.columns.first().map_or(0, Column::len) == 0 {
            return Ok(());
        }
        let mut group = self.writer.next_row_group()?;
        for column in &self.columns {
            let mut writer = group.next_column()?.context("a column the Parquet schema lacks")?;
            write_column(column, &mut writer)?;
            writer.close()?;
        }
        group.close()?;
        self.columns.iter_mut().for_each(Column::clear);
        Ok(())
    }

    /// Writes what is buffered and the file's footer; returns the rows.
    pub fn finish(mut self) -> Result<u64> {
        self.flush()?;
        self.writer.close()?;
        Ok(self.rows)
    }
}

/// A `YYYY-MM-DD` day as Parquet's DATE (days since 1970-01-01).
pub fn date_of(day: &str) -> Option<i32> {
    let date = chrono::NaiveDate::parse_from_str(day.get(..10)?, "%Y-%m-%d").ok()?;
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
    i32::try_from((date - epoch).num_days()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_counted_from_1970() {
        assert_eq!(date_of("1970-01-01"), Some(0));
        assert_eq!(date_of("2024-03-01"), Some(19783));
        assert_eq!(date_of("not a day"), None);
    }
}
