package io.bfg.console.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bfg.console.cli.GenerateCommand;
import io.bfg.console.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code generate} on the second scenario, a Czech clinic network (scenarios/vltava-care), run
 * in-process through the real command on the real folder: its data-model.yaml declares how every
 * sample row is drawn, so the file it writes loads with the scenario and reads like the
 * hand-written sample-data.json it ships (which stays as it is).
 */
@DisplayName("generate --scenario scenarios/vltava-care")
class VltavaCareGenerateTest {

  private static final Path FOLDER = Path.of("scenarios", "vltava-care");
  private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");
  /** The moment the sample stands at (sampleData.at): before it appointments happened, after it they are booked. */
  private static final Instant NOW = Instant.parse("2026-05-15T16:00:00Z");
  private static final Set<LocalDate> HOLIDAYS = Set.of(LocalDate.parse("2026-04-03"), LocalDate.parse("2026-04-06"),
      LocalDate.parse("2026-05-01"), LocalDate.parse("2026-05-08"));
  /** The points of each procedure code in the insurers' list (seznam výkonů) the data model draws from. */
  private static final Map<String, Integer> POINTS = Map.ofEntries(
      Map.entry("01021", 652), Map.entry("01022", 341), Map.entry("01023", 173), Map.entry("02021", 604),
      Map.entry("02022", 318), Map.entry("11021", 548), Map.entry("11022", 285), Map.entry("13021", 588),
      Map.entry("13022", 301), Map.entry("21113", 186), Map.entry("21215", 312), Map.entry("44021", 401),
      Map.entry("44022", 212), Map.entry("71021", 456), Map.entry("71022", 231), Map.entry("75022", 236),
      Map.entry("75151", 118), Map.entry("17021", 628), Map.entry("17022", 330), Map.entry("63021", 520),
      Map.entry("63022", 264), Map.entry("66021", 467), Map.entry("66022", 243), Map.entry("89111", 158),
      Map.entry("89617", 283), Map.entry("09543", 51));
  /** What the engine once wrote for columns it knew nothing about: a lower-case word and a number. */
  private static final Pattern PLACEHOLDER = Pattern.compile("^[a-z_]+(-[a-z_]+)*-\\d+$");
  /** A Czech birth number (rodné číslo): a pseudonymised patient must never carry one. */
  private static final Pattern BIRTH_NUMBER = Pattern.compile("\\d{6}/?\\d{3,4}");

  @TempDir
  static Path dir;

  private static Path seven;
  private static ScenarioLoader.Loaded loaded;
  private static Map<String, List<ObjectNode>> tables;

  @BeforeAll
  static void generateSeedSeven() throws IOException {
    seven = dir.resolve("seed-7.json");
    String messages = generate("--scenario", FOLDER.toString(), "--seed", "7", "--out", seven.toString());
    assertThat(messages).contains("to " + seven);
    loaded = loadWith(seven);
    tables = loaded.snapshot().tables();
  }

  @Test
  @DisplayName("exits 0 and writes a file the scenario loads, with the shipped file's row counts or close to them")
  void loadsWithTheScenario() throws IOException {
    assertThat(loaded.scenario().id()).isEqualTo("vltava-care");
    assertThat(tables.get("organisations")).singleElement()
        .satisfies(org -> assertThat(org.get("display_name").asText()).isEqualTo("Vltava Care"));
    assertThat(tables.get("staff_accounts")).extracting(s -> s.get("staff_id").asText())
        .containsExactlyInAnyOrder("jdvorakova", "tnovotny", "psvobodova", "lhorak");
    JsonNode shipped = SampleDataFile.mapper().readTree(FOLDER.resolve(SampleDataFile.FILE_NAME).toFile()).get("tables");
    Map<String, Integer> counts = new HashMap<>();
    shipped.fields().forEachRemaining(t -> counts.put(t.getKey(), t.getValue().size()));
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("clinics", 24, "patients", 48, "appointments", 60,
        "prescriptions", 36, "insurance_claims", 40, "record_access_log", 48));
    for (Map.Entry<String, Integer> count : counts.entrySet()) {
      assertThat(tables.get(count.getKey())).as(count.getKey()).hasSizeBetween(count.getValue() * 9 / 10, count.getValue());
    }
    for (String table : List.of("clinics", "patients", "appointments", "prescriptions", "record_access_log")) {
      assertThat(tables.get(table)).as(table).hasSize(counts.get(table));
    }
  }

  @Test
  @DisplayName("the same seed writes the same bytes; another seed draws other rows in every table")
  void deterministic() throws IOException {
    Path again = dir.resolve("seed-7-again.json");
    Path eight = dir.resolve("seed-8.json");
    generate("--scenario", FOLDER.toString(), "--seed", "7", "--out", again.toString());
    generate("--scenario", FOLDER.toString(), "--seed", "8", "--out", eight.toString());

    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(seven));
    JsonNode first = SampleDataFile.mapper().readTree(seven.toFile()).get("tables");
    JsonNode other = SampleDataFile.mapper().readTree(eight.toFile()).get("tables");
    first.fieldNames().forEachRemaining(table ->
        assertThat(other.get(table)).as(table).isNotEqualTo(first.get(table)));
  }

  @Test
  @DisplayName("every reference resolves, and what a row repeats from the row it refers to agrees with it")
  void referencesResolve() {
    Map<String, ObjectNode> clinics = byKey("clinics", "clinic_code");
    Map<String, ObjectNode> patients = byKey("patients", "patient_id");
    Map<String, ObjectNode> appointments = byKey("appointments", "appointment_id");
    Set<String> staff = byKey("staff_accounts", "staff_id").keySet();
    for (ObjectNode patient : tables.get("patients")) {
      assertThat(clinics).containsKey(patient.get("home_clinic").asText());
    }
    for (ObjectNode appointment : tables.get("appointments")) {
      assertThat(patients).containsKey(appointment.get("patient_id").asText());
      assertThat(clinics).containsKey(appointment.get("clinic_code").asText());
    }
    for (ObjectNode prescription : tables.get("prescriptions")) {
      ObjectNode appointment = appointments.get(prescription.get("appointment_id").asText());
      assertThat(appointment).as(prescription.toString()).isNotNull();
      assertThat(appointment.get("status").asText()).isEqualTo("attended");
      assertThat(prescription.get("patient_id")).isEqualTo(appointment.get("patient_id"));
    }
    Set<String> claimed = new HashSet<>();
    for (ObjectNode claim : tables.get("insurance_claims")) {
      ObjectNode appointment = appointments.get(claim.get("appointment_id").asText());
      assertThat(appointment).as(claim.toString()).isNotNull();
      assertThat(appointment.get("status").asText()).isEqualTo("attended");
      assertThat(claimed.add(appointment.get("appointment_id").asText())).as("one claim per appointment").isTrue();
      assertThat(claim.get("insurer_code"))
          .isEqualTo(patients.get(appointment.get("patient_id").asText()).get("insurer_code"));
    }
    for (ObjectNode access : tables.get("record_access_log")) {
      assertThat(staff).contains(access.get("actor_id").asText());
      if (!access.get("patient_id").isNull()) {
        assertThat(patients).containsKey(access.get("patient_id").asText());
      }
    }
  }

  @Test
  @DisplayName("no value is a placeholder or names BFG; patients carry a pseudonym, never a name or a birth number")
  void noPlaceholders() {
    tables.forEach((table, rows) -> rows.forEach(row -> assertRealistic(table, row)));
    for (ObjectNode patient : tables.get("patients")) {
      assertThat(patient.get("pseudonym").asText()).matches("PSN-[0-9A-F]{10}");
      assertThat(patient.get("patient_id").asText()).matches("PAT-\\d{6}");
      patient.forEach(value -> assertThat(value.asText()).doesNotMatch(BIRTH_NUMBER));
    }
    for (ObjectNode clinic : tables.get("clinics")) {
      assertThat(clinic.get("clinic_code").asText()).matches("VC-[A-Z]{3}-\\d{2}");
      assertThat(clinic.get("name").asText()).matches("(Poliklinika Vltava|Vltava Care) \\p{Lu}.*");
      assertThat(clinic.get("address").get("postcode").asText()).matches("\\d{3} \\d{2}");
      assertThat(clinic.get("address").get("country").asText()).isEqualTo("CZ");
      assertThat(clinic.get("region").asText()).matches("(Hlavní město Praha|.* kraj|Kraj Vysočina)");
      assertThat(clinic.get("specialties").get(0).asText()).isEqualTo("general-practice");
    }
    assertThat(values("clinics", "city")).contains("Praha", "Brno", "Ostrava", "Plzeň", "České Budějovice");
    assertThat(values("clinics", "name")).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("appointments sit in opening hours on working days, at a clinic that offers their specialty")
  void appointments() {
    Map<String, ObjectNode> clinics = byKey("clinics", "clinic_code");
    Map<String, ObjectNode> patients = byKey("patients", "patient_id");
    List<ObjectNode> appointments = tables.get("appointments");
    for (int i = 0; i < appointments.size(); i++) {
      ObjectNode appointment = appointments.get(i);
      ZonedDateTime starts = Instant.parse(appointment.get("starts_at").asText()).atZone(PRAGUE);
      assertThat(appointment.get("appointment_id").asText()).isEqualTo(String.format("APT-2026-%05d", i + 1));
      assertThat(starts.getDayOfWeek()).as(appointment.toString()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
      assertThat(starts.toLocalDate()).as(appointment.toString()).isNotIn(HOLIDAYS);
      assertThat(starts.toLocalTime()).as(appointment.toString()).isBetween(LocalTime.of(7, 0), LocalTime.of(15, 50));
      assertThat(starts.getMinute() % 10).isZero();
      String status = appointment.get("status").asText();
      assertThat(status).isIn("attended", "no-show", "cancelled", "booked");
      if (status.equals("booked")) {
        assertThat(starts.toInstant()).isAfter(NOW);
      } else if (!status.equals("cancelled")) {
        assertThat(starts.toInstant()).isBefore(NOW);
      }
      String specialty = appointment.get("specialty").asText();
      assertThat(texts(clinics.get(appointment.get("clinic_code").asText()).get("specialties")))
          .as(appointment.toString()).contains(specialty);
      LocalDate born = LocalDate.parse(patients.get(appointment.get("patient_id").asText()).get("date_of_birth").asText());
      if (specialty.equals("paediatrics")) {
        assertThat(born.plusYears(18)).as("a child: " + appointment).isAfter(starts.toLocalDate());
      } else {
        assertThat(born.plusYears(17)).as("an adult: " + appointment).isBeforeOrEqualTo(starts.toLocalDate());
      }
      assertThat(appointment.get("clinician_code").asText()).matches("LEK-\\d{4}");
      assertThat(appointment.get("duration_min").asInt()).isIn(15, 20, 30, 45);
    }
    assertThat(values("appointments", "status")).contains("attended", "booked");
  }

  @Test
  @DisplayName("SMS reminders go only to patients who consented to them")
  void smsReminders() {
    Map<String, ObjectNode> patients = byKey("patients", "patient_id");
    for (ObjectNode patient : tables.get("patients")) {
      List<String> consents = texts(patient.get("consents"));
      assertThat(consents).contains("treatment");
      assertThat(patient.get("sms_opt_in").asBoolean()).as(patient.toString()).isEqualTo(consents.contains("sms-reminders"));
    }
    long reminded = 0;
    for (ObjectNode appointment : tables.get("appointments")) {
      if (appointment.get("reminder_sent").asBoolean()) {
        reminded++;
        ObjectNode patient = patients.get(appointment.get("patient_id").asText());
        assertThat(patient.get("sms_opt_in").asBoolean()).as(appointment.toString()).isTrue();
        assertThat(texts(patient.get("consents"))).contains("sms-reminders");
      }
    }
    assertThat(reminded).isPositive();
    assertThat(tables.get("patients")).extracting(p -> p.get("sms_opt_in").asBoolean()).contains(true, false);
  }

  @Test
  @DisplayName("e-prescriptions carry an ATC and a SÚKL code that agree with the drug, issued on the day of the visit")
  void prescriptions() {
    Map<String, ObjectNode> appointments = byKey("appointments", "appointment_id");
    Map<String, String> drugs = new HashMap<>();
    for (ObjectNode prescription : tables.get("prescriptions")) {
      assertThat(prescription.get("prescription_id").asText()).matches("[0-9A-F]{12}");
      assertThat(prescription.get("atc_code").asText()).matches("[A-Z]\\d{2}[A-Z]{2}\\d{2}");
      assertThat(prescription.get("sukl_code").asText()).matches("\\d{7}");
      String drug = prescription.get("atc_code").asText() + " " + prescription.get("drug_name").asText();
      String known = drugs.putIfAbsent(prescription.get("sukl_code").asText(), drug);
      if (known != null) {
        assertThat(drug).as("one drug per SÚKL code").isEqualTo(known);
      }
      ObjectNode appointment = appointments.get(prescription.get("appointment_id").asText());
      LocalDate visit = Instant.parse(appointment.get("starts_at").asText()).atZone(PRAGUE).toLocalDate();
      assertThat(prescription.get("issued_on").asText()).isEqualTo(visit.toString());
      assertThat(LocalDate.parse(prescription.get("valid_until").asText())).isAfter(visit);
      assertThat(prescription.get("quantity").asInt()).isBetween(1, 3);
      assertThat(prescription.get("dosage").get("days").asInt()).isPositive();
      assertThat(prescription.get("erecept_status").asText())
          .isIn("issued", "dispensed", "partially-dispensed", "expired");
    }
  }

  @Test
  @DisplayName("every claim's amount is its points times its insurer's point value; drafts leave the submission empty")
  void claims() {
    Map<String, BigDecimal> pointValues = new HashMap<>();
    int drafts = 0;
    for (ObjectNode claim : tables.get("insurance_claims")) {
      BigDecimal points = claim.get("points").decimalValue();
      BigDecimal pointValue = claim.get("point_value_czk").decimalValue();
      assertThat(claim.get("amount_czk").decimalValue()).as(claim.toString())
          .isEqualByComparingTo(points.multiply(pointValue).setScale(2, RoundingMode.HALF_UP));
      assertThat(pointValues.computeIfAbsent(claim.get("insurer_code").asText(), k -> pointValue))
          .as("one point value per insurer").isEqualByComparingTo(pointValue);
      assertThat(texts(claim.get("procedure_codes")).stream().mapToInt(POINTS::get).sum()).as(claim.toString())
          .isEqualTo(points.intValue());
      boolean draft = claim.get("status").asText().equals("draft");
      assertThat(claim.get("submitted_on").isNull()).as(claim.toString()).isEqualTo(draft);
      assertThat(claim.get("batch_ref").isNull()).as(claim.toString()).isEqualTo(draft);
      assertThat(claim.get("insurer_response").isNull()).as(claim.toString()).isEqualTo(draft);
      if (draft) {
        drafts++;
      } else {
        assertThat(claim.get("batch_ref").asText()).matches("DAVKA-" + claim.get("insurer_code").asText() + "-2026-\\d{2}");
        assertThat(claim.get("insurer_response").get("accepted_points").asInt()).isBetween(0, points.intValue());
      }
    }
    // the April batch went to the insurers in May; May's claims are still drafts
    assertThat(drafts).isBetween(tables.get("insurance_claims").size() / 6, tables.get("insurance_claims").size() * 2 / 3);
  }

  @Test
  @DisplayName("the record access log counts up a bigint sequence in time order; only batch reviews leave the patient empty")
  void accessLog() {
    List<ObjectNode> log = tables.get("record_access_log");
    long previous = 0;
    String previousAt = "";
    int withoutPatient = 0;
    for (int i = 0; i < log.size(); i++) {
      ObjectNode access = log.get(i);
      assertThat(access.get("access_id").asText()).isEqualTo(String.format("ACC-%06d", i + 1));
      assertThat(access.get("sequence_no").isIntegralNumber()).isTrue();
      long sequence = access.get("sequence_no").asLong();
      assertThat(sequence).isGreaterThan(Math.max(previous, Integer.MAX_VALUE));
      previous = sequence;
      String at = access.get("accessed_at").asText();
      assertThat(at).isGreaterThanOrEqualTo(previousAt);
      assertThat(Instant.parse(at)).isBefore(NOW);
      previousAt = at;
      String purpose = access.get("purpose").asText();
      assertThat(access.get("break_glass").asBoolean()).isEqualTo(purpose.equals("emergency-care-review"));
      assertThat(access.get("patient_id").isNull()).as(access.toString()).isEqualTo(purpose.equals("claims-batch-review"));
      if (access.get("patient_id").isNull()) {
        withoutPatient++;
      }
    }
    assertThat(withoutPatient).isBetween(1, log.size() / 4);
  }

  @Test
  @DisplayName("--rows 100 scales every table's count by 100/40")
  void scales() throws IOException {
    Path hundred = dir.resolve("rows-100.json");
    generate("--scenario", FOLDER.toString(), "--seed", "7", "--rows", "100", "--out", hundred.toString());

    Map<String, List<ObjectNode>> scaled = loadWith(hundred).snapshot().tables();
    assertThat(scaled.get("clinics")).hasSize(60);
    assertThat(scaled.get("patients")).hasSize(120);
    assertThat(scaled.get("appointments")).hasSize(150);
    assertThat(scaled.get("prescriptions")).hasSize(90);
    assertThat(scaled.get("record_access_log")).hasSize(120);
    assertThat(scaled.get("insurance_claims")).hasSizeBetween(90, 100);
    scaled.forEach((table, rows) -> rows.forEach(row -> assertRealistic(table, row)));
    assertThat(scaled.get("clinics")).extracting(c -> c.get("name").asText()).doesNotHaveDuplicates();
  }

  // ---------------------------------------------------------------- helpers

  private static void assertRealistic(String table, JsonNode value) {
    if (value.isContainerNode()) {
      value.forEach(v -> assertRealistic(table, v));
    } else if (value.isTextual()) {
      assertThat(value.asText()).as(table).doesNotMatch(PLACEHOLDER).doesNotContainIgnoringCase("bfg").isNotBlank();
    }
  }

  private static Map<String, ObjectNode> byKey(String table, String key) {
    return tables.get(table).stream().collect(Collectors.toMap(r -> r.get(key).asText(), Function.identity()));
  }

  private static List<String> values(String table, String column) {
    return tables.get(table).stream().map(r -> r.get(column).asText()).toList();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static String generate(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
    int exit = GenerateCommand.run(List.of(args), Map.of(), stream, stream);
    String messages = err.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(messages).isZero();
    return messages;
  }

  /** The scenario folder copied with {@code sample} as its sample-data.json, loaded (and so validated) by the real loader. */
  private static ScenarioLoader.Loaded loadWith(Path sample) throws IOException {
    Path copy = Files.createTempDirectory(dir, "vltava-care-");
    try (Stream<Path> files = Files.list(FOLDER)) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    Files.copy(sample, copy.resolve(SampleDataFile.FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
    return ScenarioLoader.load(copy);
  }
}
