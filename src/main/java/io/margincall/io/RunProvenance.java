package io.margincall.io;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Who made a run's rows, from what: written on every row so a figure can be traced and
 * reproduced months later.
 *
 * @param runId unique id of the run (also a partition directory)
 * @param runDate the run's date (a partition directory), normally today in UTC
 * @param scenario the scenario's name
 * @param seed the seed of every random stream
 * @param configHash sha256 of the resolved model settings and input file contents
 * @param config the whole resolved configuration, HOCON
 * @param codeVersion version and git commit of the code
 * @param createdAt when the run finished
 */
public record RunProvenance(String runId, LocalDate runDate, String scenario, long seed,
                            String configHash, String config, String codeVersion,
                            Instant createdAt) {}
