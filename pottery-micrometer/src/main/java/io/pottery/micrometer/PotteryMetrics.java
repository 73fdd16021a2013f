package io.pottery.micrometer;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.pottery.instrumentation.Operation;
import io.pottery.instrumentation.Outcome;
import io.pottery.instrumentation.PotteryEvent;
import io.pottery.instrumentation.PotteryListener;
import io.pottery.instrumentation.QuorumRound;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Records what Pottery does as Micrometer meters and, given an {@link ObservationRegistry}, as one
 * {@link Observation} per user-visible operation. Plain Java, one line:
 *
 * <pre>{@code
 * Pottery pottery = Pottery.builder().masters(uris).listener(PotteryMetrics.of(meterRegistry)).build();
 * }</pre>
 *
 * <p>Meters (every timer in seconds; tag values lower case):
 * <ul>
 *   <li>{@code pottery.lock.acquire} timer, {@code outcome} = {@code acquired | timeout | quorum_not_achieved |
 *       error}; {@code pottery.lock.wait} timer (time waited for other holders before the winning attempt);
 *       {@code pottery.lock.held} timer (recorded at release); {@code pottery.lock.lease.lost},
 *       {@code pottery.lock.renewals} and {@code pottery.lock.extensions} counters.
 *   <li>{@code pottery.quorum.round} timer, {@code structure}, {@code round} (the script), {@code outcome} =
 *       {@code achieved | not_achieved}; {@code pottery.quorum.answers} counter, {@code structure}, {@code round},
 *       {@code master} (index), {@code server.address} ({@code host:port}, never a password), {@code answer} =
 *       {@code yes | no | error | silent}.
 *   <li>{@code pottery.nextid} timer, {@code outcome}; {@code pottery.nextid.ids} distribution summary (ids
 *       stored per quorum round).
 *   <li>{@code pottery.cache.gets} counter, {@code structure}, {@code result} = {@code hit | miss};
 *       {@code pottery.cache.puts} and {@code pottery.cache.evictions} counters, {@code structure}.
 *   <li>{@code pottery.commands} timer, {@code structure}, {@code operation}, {@code outcome}: every other
 *       operation (a collection's Redis round trip, named by its command or script; Redlock {@code release},
 *       {@code extend}, {@code locked}; NextId {@code reset}; memoize {@code apply}, {@code clear}).
 * </ul>
 * Every meter also has {@code key} (the full Redis key) when {@link Builder#keyNamesAsTags(boolean)} is on; off
 * by default, since keys are unbounded user data. {@link Builder#tagFilter} sees and may change every meter's
 * tags last.
 *
 * <p>Observations: {@code pottery.operation}, contextual name {@code "<structure> <operation>"} (e.g.
 * {@code Redlock acquire}), low-cardinality {@code db.system.name=redis}, {@code pottery.structure},
 * {@code pottery.operation}, {@code outcome}; high-cardinality {@code pottery.quorum.answers} (the last round's
 * answers per master, e.g. {@code 0=yes 1=silent 2=yes}) and, with the opt-in, {@code pottery.key}. Each quorum
 * round and each lock, NextId or cache event inside an operation is an {@link Observation.Event} of its
 * observation, so a trace shows a lock acquisition as one span with its rounds inside. The observation is
 * opened in scope on the calling thread, so a memoized call's Redis round trips are its children.
 *
 * <p>Thread-safe; one instance may serve several {@code Pottery}s.
 *
 * @since 0.3
 */
public final class PotteryMetrics implements PotteryListener<PotteryMetrics.Context> {
  private final MeterRegistry registry;
  private final ObservationRegistry observations;
  private final boolean keyTags;
  private final BiFunction<String, Tags, Tags> tagFilter;
  /**
   * The meters already registered, by name and tag values: a lock and unlock on five masters touch about twenty
   * meters, and building {@link Tags} and asking the registry for each costs more than the lookup here.
   */
  private final ConcurrentHashMap<MeterKey, Object> meters = new ConcurrentHashMap<>();

  /** A meter's name and the values of its tags (in the order the code gives them), and the key when tagged. */
  private record MeterKey(String name, String a, String b, String c, String d, String e, String key) {}

  private PotteryMetrics(Builder builder) {
    this.registry = builder.registry;
    this.observations = builder.observations;
    this.keyTags = builder.keyTags;
    this.tagFilter = builder.tagFilter;
  }

  /**
   * Meters in {@code registry}, no observations, no key names.
   *
   * @throws NullPointerException if {@code registry} is null
   */
  public static PotteryMetrics of(MeterRegistry registry) {
    return builder(registry).build();
  }

  /**
   * Settings beyond {@link #of}.
   *
   * @throws NullPointerException if {@code registry} is null
   */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(Objects.requireNonNull(registry, "registry"));
  }

  /** Settings of a {@link PotteryMetrics}. Not thread-safe. */
  public static final class Builder {
    private final MeterRegistry registry;
    private ObservationRegistry observations = ObservationRegistry.NOOP;
    private boolean keyTags;
    private BiFunction<String, Tags, Tags> tagFilter = (name, tags) -> tags;

    private Builder(MeterRegistry registry) {
      this.registry = registry;
    }

    /**
     * Also creates one {@link Observation} per operation in {@code observations} (for tracing). Default: none.
     *
     * @throws NullPointerException if {@code observations} is null
     */
    public Builder observationRegistry(ObservationRegistry observations) {
      this.observations = Objects.requireNonNull(observations, "observations");
      return this;
    }

    /**
     * Whether every meter gets a {@code key} tag with the full Redis key, and every observation a high-cardinality
     * {@code pottery.key}. Default {@code false}: each key would be a time series of its own, and keys may hold
     * user data. Turn it on only for a bounded set of keys.
     */
    public Builder keyNamesAsTags(boolean on) {
      this.keyTags = on;
      return this;
    }

    /**
     * A last say on each meter's tags: called with the meter name and its tags, returns the tags to use (e.g. to
     * drop {@code server.address}). Called once per distinct meter (the result is kept), so it must be
     * deterministic and thread-safe. Default: the tags unchanged.
     *
     * @throws NullPointerException if {@code filter} is null
     */
    public Builder tagFilter(BiFunction<String, Tags, Tags> filter) {
      this.tagFilter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /** The listener, for {@code Pottery.builder().listener(…)}. */
    public PotteryMetrics build() {
      return new PotteryMetrics(this);
    }
  }

  /** One operation in progress: when it began and its observation. Internal to this listener. */
  public static final class Context {
    private final long startNanos;
    private final Observation observation;
    private final Observation.Scope scope;

    private Context(long startNanos, Observation observation, Observation.Scope scope) {
      this.startNanos = startNanos;
      this.observation = observation;
      this.scope = scope;
    }
  }

  @Override
  public Context started(Operation operation) {
    long start = registry.config().clock().monotonicTime();
    if (observations.isNoop()) {
      return new Context(start, null, null);
    }
    Observation observation = Observation.createNotStarted("pottery.operation", observations)
        .contextualName(operation.structure() + " " + operation.name())
        .lowCardinalityKeyValue("db.system.name", "redis")
        .lowCardinalityKeyValue("pottery.structure", operation.structure())
        .lowCardinalityKeyValue("pottery.operation", operation.name());
    if (keyTags) {
      observation.highCardinalityKeyValue("pottery.key", operation.key());
    }
    observation.start();
    return new Context(start, observation, observation.openScope());
  }

  @Override
  public void stopped(Context context, Operation operation, Outcome outcome, Throwable error) {
    long nanos = registry.config().clock().monotonicTime() - context.startNanos;
    String outcomeTag = outcomeTag(operation, outcome);
    if ("Redlock".equals(operation.structure()) && "acquire".equals(operation.name())) {
      timer("pottery.lock.acquire", operation.key(), "outcome", outcomeTag).record(nanos, TimeUnit.NANOSECONDS);
    } else if ("NextId".equals(operation.structure()) && "next".equals(operation.name())) {
      timer("pottery.nextid", operation.key(), "outcome", outcomeTag).record(nanos, TimeUnit.NANOSECONDS);
    } else {
      timer("pottery.commands", operation.key(), "structure", operation.structure(), "operation", operation.name(),
          "outcome", outcomeTag).record(nanos, TimeUnit.NANOSECONDS);
    }
    if (context.observation != null) {
      context.observation.lowCardinalityKeyValue("outcome", outcomeTag);
      if (error != null) {
        context.observation.error(error);
      }
      context.scope.close();
      context.observation.stop();
    }
  }

  /** Tag values of {@link QuorumRound.Answer}, by ordinal. */
  private static final String[] ANSWERS = {"yes", "no", "error", "silent"};

  /** Master indexes as tag values, without a new string per round for the usual few masters. */
  private static final String[] INDEXES = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

  private static String index(int i) {
    return i < INDEXES.length ? INDEXES[i] : Integer.toString(i);
  }

  /** {@code acquired} for a lock acquisition that succeeded, else the outcome's name in lower case. */
  private static String outcomeTag(Operation operation, Outcome outcome) {
    if (outcome == Outcome.SUCCESS && "acquire".equals(operation.name())) {
      return "acquired";
    }
    return outcome.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void round(Context context, QuorumRound round) {
    timer("pottery.quorum.round", round.key(), "structure", round.structure(), "round", round.name(),
        "outcome", round.achieved() ? "achieved" : "not_achieved").record(round.elapsedNanos(), TimeUnit.NANOSECONDS);
    boolean observed = context != null && context.observation != null;
    StringBuilder answers = observed ? new StringBuilder() : null;
    for (QuorumRound.MasterAnswer answer : round.answers()) {
      int ordinal = answer.answer().ordinal();
      String value = ordinal < ANSWERS.length ? ANSWERS[ordinal] : answer.answer().name().toLowerCase(Locale.ROOT);
      counter("pottery.quorum.answers", round.key(), "structure", round.structure(), "round", round.name(),
          "master", index(answer.index()), "server.address", answer.address(), "answer", value).increment();
      if (!observed) {
        continue;
      }
      if (answers.length() > 0) {
        answers.append(' ');
      }
      answers.append(answer.index()).append('=').append(value);
    }
    if (observed) {
      context.observation.highCardinalityKeyValue(KeyValue.of("pottery.quorum.answers", answers.toString()));
      context.observation.event(Observation.Event.of("pottery.quorum.round",
          round.name() + (round.achieved() ? " achieved: " : " not achieved: ") + answers));
    }
  }

  @Override
  public void event(Context context, PotteryEvent event) {
    String key = event.key();
    switch (event.kind()) {
      case LOCK_ACQUIRED:
        timer("pottery.lock.wait", key).record(event.nanos(), TimeUnit.NANOSECONDS);
        break;
      case LOCK_RELEASED:
        timer("pottery.lock.held", key).record(event.nanos(), TimeUnit.NANOSECONDS);
        break;
      case LOCK_EXTENDED:
        counter("pottery.lock.extensions", key).increment();
        break;
      case LEASE_RENEWED:
        counter("pottery.lock.renewals", key).increment();
        break;
      case LEASE_LOST:
        counter("pottery.lock.lease.lost", key).increment();
        break;
      case IDS_ISSUED:
        summary("pottery.nextid.ids", key).record(event.count());
        break;
      case CACHE_HIT:
      case CACHE_MISS:
        counter("pottery.cache.gets", key, "structure", event.structure(),
            "result", event.kind() == PotteryEvent.Kind.CACHE_HIT ? "hit" : "miss").increment(event.count());
        break;
      case CACHE_PUT:
        counter("pottery.cache.puts", key, "structure", event.structure()).increment(event.count());
        break;
      case CACHE_EVICT:
        counter("pottery.cache.evictions", key, "structure", event.structure()).increment(event.count());
        break;
      default:
        return; // a kind added after this listener was written
    }
    if (context != null && context.observation != null) {
      context.observation.event(Observation.Event.of("pottery." + event.kind().name().toLowerCase(Locale.ROOT)
          .replace('_', '.')));
    }
  }

  private Tags tags(String name, String key, String... keyValues) {
    Tags tags = Tags.of(keyValues);
    return tagFilter.apply(name, keyTags ? tags.and("key", key) : tags);
  }

  /** The cache key: the name and up to five tag values (tag keys are fixed per name by the code). */
  private MeterKey meterKey(String name, String key, String... keyValues) {
    String[] values = new String[5];
    for (int i = 1, v = 0; i < keyValues.length; i += 2, v++) {
      values[v] = keyValues[i];
    }
    return new MeterKey(name, values[0], values[1], values[2], values[3], values[4], keyTags ? key : null);
  }

  private Timer timer(String name, String key, String... keyValues) {
    return (Timer) meters.computeIfAbsent(meterKey(name, key, keyValues),
        k -> Timer.builder(name).tags(tags(name, key, keyValues)).register(registry));
  }

  private Counter counter(String name, String key, String... keyValues) {
    return (Counter) meters.computeIfAbsent(meterKey(name, key, keyValues),
        k -> Counter.builder(name).tags(tags(name, key, keyValues)).register(registry));
  }

  private DistributionSummary summary(String name, String key) {
    return (DistributionSummary) meters.computeIfAbsent(meterKey(name, key),
        k -> DistributionSummary.builder(name).baseUnit("ids").tags(tags(name, key)).register(registry));
  }

  /** {@code PotteryMetrics{keyNamesAsTags=false, observations=on}}. */
  @Override
  public String toString() {
    return "PotteryMetrics{keyNamesAsTags=" + keyTags + ", observations=" + (observations.isNoop() ? "off" : "on") + "}";
  }
}
