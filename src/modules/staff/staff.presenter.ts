import { maskPhone } from '../../lib/crypto'
import type { PostAbility } from './staff.policy'
import { POSTS, type Post } from './staff.posts'
import type { PostRow } from './staff.repo'
import type { PostView } from './staff.schema'

/** A post's name in both languages (the key itself for a post no longer in POSTS). */
export const postNames = (post: string) => ({
  postZh: POSTS[post as Post]?.zh ?? post,
  postEn: POSTS[post as Post]?.en ?? post,
})

/** Enough of the photo's digest to tell one photo from the next in its address. */
const photoVersion = (sha: string | null) => sha?.slice(0, 16) ?? null

/** A post for staff: the work phone masked unless asked in clear (and audited by the caller). */
export function toPostView(r: PostRow, opts: { abilities: PostAbility[]; unmask: boolean }): PostView {
  return {
    id: r.id,
    post: r.post,
    ...postNames(r.post),
    holder: r.holder,
    userId: r.user_id,
    workPhone: r.work_phone && (opts.unmask ? r.work_phone : maskPhone(r.work_phone)),
    phoneMasked: !opts.unmask,
    duties: r.duties,
    validFrom: r.valid_from,
    hasPhoto: r.photo_sha !== null,
    photoVersion: photoVersion(r.photo_sha),
    abilities: opts.abilities,
  }
}

/** A post as the public notice board 公示牌 shows it: what is published, nothing else (no user id). */
export function toPublicPost(r: PostRow) {
  return {
    id: r.id,
    ...postNames(r.post),
    holder: r.holder,
    workPhone: r.work_phone,
    duties: r.duties,
    photoVersion: photoVersion(r.photo_sha),
  }
}

export type PublicPost = ReturnType<typeof toPublicPost>
