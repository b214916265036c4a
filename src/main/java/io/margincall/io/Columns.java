package io.margincall.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** A row built column by column, so a column's name, type and value are written together. */
public final class Columns {
  private final List<StructField> fields = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();

  Columns add(String name, DataType type, Object value) {
    fields.add(DataTypes.createStructField(name, type, true));
    values.add(value);
    return this;
  }

  Columns addDouble(String name, double value) {
    return add(name, DataTypes.DoubleType, value);
  }

  public StructType schema() {
    return new StructType(fields.toArray(new StructField[0]));
  }

  public Row row() {
    return RowFactory.create(values.toArray());
  }
}
