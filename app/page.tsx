export { HomePage as default } from "@/components/home/home-page";
