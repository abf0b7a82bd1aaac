package cn.citygrid.backend.auth;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/** An account (auth.account) with its roles and scope nodes. Mutable only inside a repository transaction. */
@Entity
@Table(schema = "auth", name = "account")
// Named queries are compiled when the session factory is built, never on an event loop.
@NamedQuery(name = "Account.byUsername", query = Account.FETCH + "where a.username = :username")
@NamedQuery(name = "Account.byId", query = Account.FETCH + "where a.id = :id")
@NamedQuery(name = "Account.byIds", query = Account.FETCH + "where a.id in :ids order by a.id")
@NamedQuery(name = "Account.pageIds", query = "select a.id from Account a order by a.id")
@NamedQuery(name = "Account.count", query = "select count(a) from Account a")
public class Account {
  static final String FETCH = "select distinct a from Account a left join fetch a.roles left join fetch a.scope ";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  Long id;

  @Column(nullable = false, unique = true)
  String username;

  @Column(name = "display_name", nullable = false)
  String displayName;

  @Column(name = "password_hash", nullable = false)
  String passwordHash;

  boolean enabled = true;

  String department;

  @Column(name = "failed_logins")
  int failedLogins;

  @Column(name = "locked_until")
  Instant lockedUntil;

  boolean demo;

  @Column(name = "created_at", nullable = false)
  Instant createdAt = Instant.now();

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt = Instant.now();

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(schema = "auth", name = "account_role", joinColumns = @JoinColumn(name = "account_id"))
  @Enumerated(EnumType.STRING)
  @Column(name = "role")
  Set<Role> roles = EnumSet.noneOf(Role.class);

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(schema = "auth", name = "account_scope", joinColumns = @JoinColumn(name = "account_id"))
  @Column(name = "node_code")
  Set<String> scope = new HashSet<>();

  protected Account() {}

  Account(String username, String displayName, String passwordHash, Set<Role> roles, Set<String> scope,
      String department, boolean demo) {
    this.username = username;
    this.displayName = displayName;
    this.passwordHash = passwordHash;
    this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    this.scope = new HashSet<>(scope);
    this.department = department;
    this.demo = demo;
  }

  public long id() {
    return id;
  }

  public String username() {
    return username;
  }

  public String displayName() {
    return displayName;
  }

  public boolean enabled() {
    return enabled;
  }

  public Set<Role> roles() {
    return Set.copyOf(roles);
  }

  public Set<String> scope() {
    return Set.copyOf(scope);
  }

  public String department() {
    return department;
  }

  public boolean demo() {
    return demo;
  }

  public Instant lockedUntil() {
    return lockedUntil;
  }
}
