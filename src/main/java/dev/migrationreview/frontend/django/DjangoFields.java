package dev.migrationreview.frontend.django;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.frontend.django.FieldSpec.Kind;
import dev.migrationreview.frontend.python.PyExpr;
import dev.migrationreview.frontend.python.PyScope;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.DefaultValue;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Django field ({@code models.CharField(max_length=100, null=True)}) into a {@link FieldSpec},
 * with the column type Django's schema editor uses on the file's database. Project field classes
 * are recognised by the Django class they are named after ({@code TreeForeignKey} is a foreign
 * key); one this review cannot place keeps an unknown type, or {@code varchar(max_length)} when it
 * has a max_length like the CharField it then extends.
 */
final class DjangoFields {

    private static final Set<String> VOLATILE_CALLABLES = Set.of(
            "uuid1", "uuid4", "uuid7", "random", "randint", "getrandbits", "token_hex", "token_urlsafe",
            "token_bytes", "get_random_string", "urandom", "make_password");
    private static final List<String> RELATION_SUFFIXES = List.of("ManyToManyField", "TaggableManager",
            "OneToOneField", "ForeignKey");

    private final PyScope scope;
    private final Dialect dialect;
    private final DjangoVersion version;

    DjangoFields(PyScope scope, Dialect dialect, DjangoVersion version) {
        this.scope = scope;
        this.dialect = dialect;
        this.version = version;
    }

    Optional<FieldSpec> read(String name, PyExpr expr) {
        if (!(scope.resolve(expr) instanceof PyExpr.Call call)) {
            return Optional.empty();
        }
        String cls = PyScope.simpleName(call.func()).orElse("");
        if (cls.equals("ArrayField")) {
            return Optional.of(array(name, call));
        }
        Kind kind = kind(cls);
        boolean primaryKey = flag(call, "primary_key", false);
        boolean nullable = flag(call, "null", false) && !primaryKey;
        boolean unique = flag(call, "unique", false);
        boolean dbIndex = flag(call, "db_index", kind == Kind.FOREIGN_KEY || cls.equals("SlugField"));
        Optional<FieldSpec.Relation> relation = kind == Kind.PLAIN ? Optional.empty() : relation(call, kind);
        Optional<DataType> type = kind == Kind.PLAIN ? type(cls, call) : Optional.empty();
        return Optional.of(new FieldSpec(name, cls, kind, call.keyword("db_column").flatMap(scope::string), type,
                nullable, primaryKey, unique, dbIndex, generated(cls, call), cls.startsWith("Positive"),
                effectiveDefault(call, type, nullable), call.keyword("db_default").flatMap(this::dbDefault), relation));
    }

    /**
     * The value Django's schema editor gives existing rows ({@code effective_default}): the
     * {@code default=}, else the time for {@code auto_now}/{@code auto_now_add}, else an empty string
     * for a blank text field that allows no NULL.
     */
    private Optional<FieldSpec.PythonDefault> effectiveDefault(PyExpr.Call call, Optional<DataType> type,
                                                               boolean nullable) {
        var explicit = call.keyword("default").flatMap(this::pythonDefault);
        if (explicit.isPresent() || call.keyword("default").isPresent()) {
            return explicit;
        }
        if (flag(call, "auto_now", false) || flag(call, "auto_now_add", false)) {
            return Optional.of(new FieldSpec.PythonDefault("timezone.now", true, false));
        }
        boolean text = type.map(t -> t.isVarchar() || t.name().equals("text") || t.name().equals("citext")
                || t.name().equals("longtext")).orElse(false);
        if (!nullable && flag(call, "blank", false) && text) {
            return Optional.of(new FieldSpec.PythonDefault("''", false, false));
        }
        return Optional.empty();
    }

    private static Kind kind(String cls) {
        for (String suffix : RELATION_SUFFIXES) {
            if (cls.endsWith(suffix)) {
                return switch (suffix) {
                    case "ForeignKey" -> Kind.FOREIGN_KEY;
                    case "OneToOneField" -> Kind.ONE_TO_ONE;
                    default -> Kind.MANY_TO_MANY;
                };
            }
        }
        return Kind.PLAIN;
    }

    private FieldSpec array(String name, PyExpr.Call call) {
        var base = call.arg(0, "base_field").flatMap(b -> read(name, b));
        var type = base.flatMap(FieldSpec::type).map(t -> new DataType(t.name(), t.modifiers(), true));
        return new FieldSpec(name, "ArrayField", Kind.PLAIN, call.keyword("db_column").flatMap(scope::string), type,
                flag(call, "null", false), false, flag(call, "unique", false), flag(call, "db_index", false),
                Optional.empty(), false, call.keyword("default").flatMap(this::pythonDefault),
                call.keyword("db_default").flatMap(this::dbDefault), Optional.empty());
    }

    private boolean flag(PyExpr.Call call, String keyword, boolean otherwise) {
        return call.keyword(keyword).flatMap(scope::bool).orElse(otherwise);
    }

    private Optional<FieldSpec.Relation> relation(PyExpr.Call call, Kind kind) {
        var target = call.arg(0, "to").map(this::modelReference);
        if (target.isEmpty() || target.get().isEmpty()) {
            return Optional.empty();
        }
        int toFieldPosition = kind == Kind.MANY_TO_MANY ? -1 : 2;
        return Optional.of(new FieldSpec.Relation(target.get().get(), call.arg(toFieldPosition, "to_field")
                .flatMap(scope::string), flag(call, "db_constraint", true),
                call.keyword("through").map(this::modelReference).flatMap(r -> r)));
    }

    /** A model named by a string ("dcim.Site", "Site"), or the swappable user model. */
    private Optional<String> modelReference(PyExpr expr) {
        var name = scope.string(expr);
        if (name.isPresent()) {
            return name;
        }
        return PyScope.dotted(expr).filter(d -> d.endsWith("AUTH_USER_MODEL")).map(d -> "auth.User");
    }

    private Optional<ColumnDef.Generated> generated(String cls, PyExpr.Call call) {
        if (cls.endsWith("AutoField")) {
            if (dialect.isMysqlFamily()) {
                return Optional.of(ColumnDef.Generated.AUTO_INCREMENT);
            }
            return version.atLeast(4, 1) ? Optional.of(ColumnDef.Generated.IDENTITY_BY_DEFAULT) : Optional.empty();
        }
        if (cls.equals("GeneratedField")) {
            return Optional.of(flag(call, "db_persist", true) ? ColumnDef.Generated.STORED : ColumnDef.Generated.VIRTUAL);
        }
        return Optional.empty();
    }

    /** The column type Django's schema editor creates for a field class on this database. */
    private Optional<DataType> type(String cls, PyExpr.Call call) {
        boolean mysql = dialect.isMysqlFamily();
        Optional<Long> maxLength = call.keyword("max_length").flatMap(scope::integer);
        boolean serial = !mysql && !version.atLeast(4, 1);
        return switch (cls) {
            case "AutoField" -> Optional.of(DataType.of(serial ? "serial" : "integer"));
            case "BigAutoField" -> Optional.of(DataType.of(serial ? "bigserial" : "bigint"));
            case "SmallAutoField" -> Optional.of(DataType.of(serial ? "smallserial" : "smallint"));
            case "IntegerField", "PositiveIntegerField" -> Optional.of(DataType.of("integer"));
            case "BigIntegerField", "PositiveBigIntegerField" -> Optional.of(DataType.of("bigint"));
            case "SmallIntegerField", "PositiveSmallIntegerField" -> Optional.of(DataType.of("smallint"));
            case "BooleanField", "NullBooleanField" -> Optional.of(DataType.of(mysql ? "bool" : "boolean"));
            case "CharField" -> Optional.of(varchar(maxLength));
            case "SlugField" -> Optional.of(varchar(maxLength.or(() -> Optional.of(50L))));
            case "EmailField" -> Optional.of(varchar(maxLength.or(() -> Optional.of(254L))));
            case "URLField" -> Optional.of(varchar(maxLength.or(() -> Optional.of(200L))));
            case "FileField", "ImageField", "FilePathField" -> Optional.of(varchar(maxLength.or(() -> Optional.of(100L))));
            case "CICharField", "CIEmailField", "CITextField" -> Optional.of(DataType.of("citext"));
            case "TextField" -> Optional.of(DataType.of(mysql ? "longtext" : "text"));
            case "JSONField" -> Optional.of(DataType.of(mysql ? "json" : "jsonb"));
            case "HStoreField" -> Optional.of(DataType.of("hstore"));
            case "UUIDField" -> Optional.of(mysql ? DataType.of("char", "32") : DataType.of("uuid"));
            case "BinaryField" -> Optional.of(DataType.of(mysql ? "longblob" : "bytea"));
            case "DateTimeField" -> Optional.of(mysql ? DataType.of("datetime", "6") : DataType.of("timestamptz"));
            case "DateField" -> Optional.of(DataType.of("date"));
            case "TimeField" -> Optional.of(mysql ? DataType.of("time", "6") : DataType.of("time"));
            case "DurationField" -> Optional.of(DataType.of(mysql ? "bigint" : "interval"));
            case "FloatField" -> Optional.of(DataType.of("double precision"));
            case "DecimalField" -> Optional.of(decimal(call));
            case "GenericIPAddressField", "IPAddressField" -> Optional.of(mysql ? DataType.of("char", "39")
                    : DataType.of("inet"));
            default -> maxLength.map(n -> DataType.of("varchar", String.valueOf(n)));
        };
    }

    private static DataType varchar(Optional<Long> length) {
        return length.map(n -> DataType.of("varchar", String.valueOf(n))).orElse(DataType.of("varchar"));
    }

    private DataType decimal(PyExpr.Call call) {
        var digits = call.keyword("max_digits").flatMap(scope::integer);
        var places = call.keyword("decimal_places").flatMap(scope::integer);
        if (digits.isEmpty()) {
            return DataType.of("numeric");
        }
        return DataType.of("numeric", String.valueOf(digits.get()), String.valueOf(places.orElse(0L)));
    }

    /** Django's {@code default=}: a literal as SQL, or a callable Django calls once. */
    private Optional<FieldSpec.PythonDefault> pythonDefault(PyExpr expr) {
        PyExpr value = scope.resolve(expr);
        if (PyScope.isNone(value)) {
            return Optional.empty();
        }
        var literal = literal(value);
        if (literal.isPresent()) {
            return Optional.of(new FieldSpec.PythonDefault(literal.get(), false, false));
        }
        var dotted = PyScope.dotted(value);
        if (dotted.isPresent()) {
            String last = dotted.get().substring(dotted.get().lastIndexOf('.') + 1);
            return Optional.of(new FieldSpec.PythonDefault(dotted.get(), true, VOLATILE_CALLABLES.contains(last)));
        }
        return Optional.of(new FieldSpec.PythonDefault(value instanceof PyExpr.Call c
                ? PyScope.dotted(c.func()).orElse("value") + "(...)" : "value", false, false));
    }

    /** Django 5's {@code db_default=}: a literal, {@code Value(x)}, or a database function such as {@code Now()}. */
    private Optional<DefaultValue> dbDefault(PyExpr expr) {
        PyExpr value = scope.resolve(expr);
        if (value instanceof PyExpr.Call call) {
            String fn = PyScope.simpleName(call.func()).orElse("");
            if (fn.equals("Value") && !call.args().isEmpty()) {
                return dbDefault(call.args().get(0));
            }
            return Optional.of(new DefaultValue(switch (fn) {
                case "Now" -> "now()";
                case "RandomUUID" -> "gen_random_uuid()";
                case "Random" -> "random()";
                default -> fn.toLowerCase(java.util.Locale.ROOT) + "()";
            }));
        }
        return literal(value).map(DefaultValue::new);
    }

    /** A Python literal as SQL: strings quoted, booleans lower-case, numbers as written. */
    Optional<String> literal(PyExpr value) {
        var string = scope.string(value);
        if (string.isPresent()) {
            return Optional.of("'" + string.get().replace("'", "''") + "'");
        }
        var bool = scope.bool(value);
        if (bool.isPresent()) {
            return Optional.of(bool.get().toString());
        }
        PyExpr resolved = scope.resolve(value);
        if (resolved instanceof PyExpr.Num n) {
            return Optional.of(n.text().replace("_", ""));
        }
        if (resolved instanceof PyExpr.UnaryOp u && u.op().equals("-") && u.operand() instanceof PyExpr.Num n) {
            return Optional.of("-" + n.text().replace("_", ""));
        }
        if (resolved instanceof PyExpr.Dict d && d.entries().isEmpty()) {
            return Optional.of("'{}'");
        }
        if (resolved instanceof PyExpr.Sequence s && s.elements().isEmpty()) {
            return Optional.of("'[]'");
        }
        return Optional.empty();
    }
}
