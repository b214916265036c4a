import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Prints the distinct values of one column of Parquet tables (each DIR a table root), one per
 * line:
 * {@code java -cp "$SPARK_HOME/jars/*" src/test/cluster/ShowColumn.java COLUMN DIR...}
 * (Java's single-file launch; the cluster test reads code_version back with it).
 */
public final class ShowColumn {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().master("local[1]").appName("show-column")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      Set<Object> values = new TreeSet<>();
      for (String dir : Arrays.copyOfRange(args, 1, args.length)) {  // one at a time: each its own root
        for (Row r : spark.read().parquet(dir).select(args[0]).distinct().collectAsList()) {
          values.add(r.get(0));
        }
      }
      values.forEach(System.out::println);
    } finally {
      spark.stop();
    }
  }
}
