import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** The roles, lowest first: a route's minimum role admits every role at or above it. */
export const USER_ROLES = ['viewer', 'manager', 'analyst', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A local user. Only a bcrypt hash of the password is stored (decision 0020; older rows: scrypt). */
@Entity({ name: 'app_user' })
@Index('uq_app_user_username', ['username'], { unique: true })
export class AppUserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  username!: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text' })
  role!: UserRole;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  departments!: string[];

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
