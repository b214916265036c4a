package io.margincall.io;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Who made a run's rows and when: written on every row (with each point's config hash and
 * config) so a figure can be traced and reproduced months later.
 *
 * @param runId unique id of the run (a partition directory)
 * @param runDate the run's date (a partition directory), normally today in UTC
 * @param job the job the run belongs to (a partition directory): "adhoc" by default, "nightly"
 *     for the scheduled sweep; a replacing run replaces earlier runs of its (date, job) only
 * @param scenario the scenario's name
 * @param seed the seed of every random stream
 * @param codeVersion version and git commit of the code
 * @param createdAt when the run finished
 */
public record RunProvenance(String runId, LocalDate runDate, String job, String scenario, long seed,
                            String codeVersion, Instant createdAt) {}
